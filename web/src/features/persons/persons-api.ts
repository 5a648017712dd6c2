// Queries and mutations of the people registry (GET/POST/PATCH /api/persons…, imports and their jobs).
import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SpecialGroupTag } from '../../../../domain/persons.ts';
import { api } from '../../api/client.ts';
import type { Id, Items, Job, Person, PersonBody, PersonDetail, PersonPatch, PersonStatus, SavePersonResult } from '../../api/types.ts';

export interface PersonFilter {
  q?: string;
  placeId?: Id;
  tag?: SpecialGroupTag;
  status?: PersonStatus;
}

export const PERSON_PAGE = 50;

export const personKeys = {
  all: ['persons'] as const,
  search: (f: PersonFilter, offset: number) => ['persons', 'search', f, offset] as const,
  detail: (id: Id, unmask: boolean) => ['persons', 'detail', id, unmask] as const,
};

export const personsQuery = (f: PersonFilter, offset = 0, limit = PERSON_PAGE) =>
  queryOptions({
    queryKey: [...personKeys.search(f, offset), limit],
    queryFn: ({ signal }) => api.get<Items<Person>>('/api/persons', { ...f, limit, offset }, signal),
    placeholderData: keepPreviousData,
  });

/** With `unmask` the server audits every call: fetched once, never refetched in the background. */
export const personQuery = (id: Id, unmask: boolean) =>
  queryOptions({
    queryKey: personKeys.detail(id, unmask),
    queryFn: ({ signal }) => api.get<PersonDetail>(`/api/persons/${id}`, { unmask: unmask ? 'true' : undefined }, signal),
    staleTime: unmask ? Infinity : 30_000,
    gcTime: unmask ? 0 : undefined,
    retry: unmask ? false : undefined,
    meta: { silent: true }, // the page shows its own error
  });

/** Refreshes what a change of people may affect, except unmasked details: each of those reads is audited. */
export function refreshPersons(qc: QueryClient) {
  return Promise.all([
    qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'persons' && !(q.queryKey[1] === 'detail' && q.queryKey[3] === true) }),
    qc.invalidateQueries({ queryKey: ['census'] }),
  ]);
}

export function useSavePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonBody) => api.post<SavePersonResult>('/api/persons', body),
    onSuccess: () => refreshPersons(qc),
  });
}

export function useUpdatePerson(id: Id) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: PersonPatch) => api.patch<Person>(`/api/persons/${id}`, patch),
    onSuccess: () => refreshPersons(qc),
  });
}

export const jobQuery = (id: Id) =>
  queryOptions({
    queryKey: ['jobs', id] as const,
    queryFn: ({ signal }) => api.get<Job>(`/api/jobs/${id}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
    staleTime: 0,
  });

export const uploadPersons = (file: File) => api.upload<{ jobId: Id }>('/api/persons/import', 'file', file, file.name);
export const jobErrorsUrl = (id: Id) => `/api/jobs/${id}/errors.xlsx`;
