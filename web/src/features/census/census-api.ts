// Queries and mutations of the census (敲门行动): coverage, households, visits, campaigns.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Campaign, Coverage, HouseholdDetail, HouseholdRow, Id, Items, VisitBody, VisitResult } from '../../api/types.ts';
import { refreshPersons } from '../persons/persons-api.ts';

export const HOUSEHOLD_PAGE = 100;

export const censusKeys = {
  all: ['census'] as const,
  coverage: (id: Id) => ['census', 'coverage', id] as const,
  households: (placeId: Id, unvisited: boolean) => ['census', 'households', placeId, unvisited] as const,
  household: (id: Id) => ['census', 'household', id] as const,
  campaigns: () => ['census', 'campaigns'] as const,
};

export const coverageQuery = (id: Id) =>
  queryOptions({
    queryKey: censusKeys.coverage(id),
    queryFn: ({ signal }) => api.get<Coverage>(`/api/census/coverage/${id}`, undefined, signal),
    staleTime: 10_000,
  });

export const householdsQuery = (placeId: Id, unvisited: boolean) =>
  infiniteQueryOptions({
    queryKey: censusKeys.households(placeId, unvisited),
    queryFn: ({ signal, pageParam }) =>
      api.get<Items<HouseholdRow>>(
        '/api/census/households',
        { placeId, unvisited: unvisited ? 'true' : undefined, limit: HOUSEHOLD_PAGE, offset: pageParam },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.items.length < HOUSEHOLD_PAGE ? undefined : pages.length * HOUSEHOLD_PAGE),
    staleTime: 10_000,
  });

export const householdQuery = (id: Id) =>
  queryOptions({
    queryKey: censusKeys.household(id),
    queryFn: ({ signal }) => api.get<HouseholdDetail>(`/api/census/households/${id}`, undefined, signal),
  });

export const campaignsQuery = () =>
  queryOptions({
    queryKey: censusKeys.campaigns(),
    queryFn: ({ signal }) => api.get<Items<Campaign>>('/api/census/campaigns', undefined, signal),
    staleTime: 5 * 60_000,
  });

export const unvisitedExportUrl = (placeId: Id) => `/api/census/unvisited/${placeId}/export.xlsx`;

/** A visit's idempotency key. randomUUID needs a secure context; a LAN http:// page falls back. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitBody) => api.post<VisitResult>('/api/census/visits', body),
    meta: { silent: true }, // the visit form shows the error next to the retry button
    onSuccess: () => {
      // Counts not on screen are dropped rather than shown stale while they reload: going back up
      // the tree must show the new visit at once.
      qc.removeQueries({ queryKey: censusKeys.all, type: 'inactive' });
      return refreshPersons(qc);
    },
  });
}

export function useStartCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<Campaign>('/api/census/campaigns', { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: censusKeys.all }),
  });
}
