// Queries and the mutation of 抗原自测: the people the caller may report for, and a report.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { AntigenPerson, AntigenResult } from '../../../../server/modules/screening/schemas.ts';
import type { LabResultValue } from '../../../../domain/lab-results.ts';
import { newClientId } from '../census/census-api.ts';

export type AntigenPersonView = Static<typeof AntigenPerson>;
export type AntigenResultView = Static<typeof AntigenResult>;

export const antigenPeopleQuery = (q: string) =>
  queryOptions({
    queryKey: ['antigen', 'people', q],
    queryFn: ({ signal }) => api.get<{ items: AntigenPersonView[] }>('/api/screening/antigen/people', { q }, signal),
    staleTime: 10_000,
  });

export function useReportAntigen() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { personId: number; result: LabResultValue }) =>
      api.post<AntigenResultView>('/api/screening/antigen', { clientId: newClientId(), ...body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['antigen'] }),
  });
}
