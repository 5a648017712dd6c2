// Queries and mutations of testing rounds (docs/screening-api-draft.md): rounds, progress, coverage,
// follow-up, turnaround, pool advice, box receipt, results upload and tube custody. The shapes are the
// server's TypeBox schemas (type-only imports, erased from the bundle).
import type { Static } from '@sinclair/typebox';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BoxView as BoxSchema,
  FindingRow as FindingSchema,
  MissingRow as MissingSchema,
  PoolAdvice as PoolAdviceSchema,
  PositivePoolRow as PositivePoolSchema,
  ReceiveResult as ReceiveResultSchema,
  RetestRow as RetestSchema,
  RoundList as RoundListSchema,
  TubeView as TubeSchema,
  TurnaroundRow as TurnaroundRowSchema,
  UnmatchedRow as UnmatchedSchema,
  CoverageCounts as CoverageCountsSchema,
  CustodyEvent as CustodyEventSchema,
  DoorVisitRow as DoorVisitSchema,
  SiteRow as SiteSchema,
  SlotRow as SlotSchema,
  NewRound,
  ResultSummaryView,
  RoundCoverageView,
  RoundStatusView,
  RoundView,
  TurnaroundView,
} from '../../../../server/modules/screening/schemas.ts';
import { MAX_TUBE_CAPACITY } from '../../../../domain/screening.ts';
import { api } from '../../api/client.ts';
import type { Id, Items, Page } from '../../api/types.ts';

export type { NewRound, ResultSummaryView, RoundCoverageView, RoundStatusView, RoundView, TurnaroundView };
export type RoundListView = Static<typeof RoundListSchema>;
export type CoverageRow = Static<typeof CoverageCountsSchema>;
export type MissingRowView = Static<typeof MissingSchema>;
export type PositivePoolView = Static<typeof PositivePoolSchema>;
export type RetestView = Static<typeof RetestSchema>;
export type FindingView = Static<typeof FindingSchema>;
export type TurnaroundRowView = Static<typeof TurnaroundRowSchema>;
export type PoolAdviceView = Static<typeof PoolAdviceSchema>;
export type PoolAdviceRowView = PoolAdviceView['items'][number];
export type BoxViewData = Static<typeof BoxSchema>;
export type ReceiveResultView = Static<typeof ReceiveResultSchema>;
export type TubeViewData = Static<typeof TubeSchema>;
export type CustodyEventView = Static<typeof CustodyEventSchema>;
export type UnmatchedView = Static<typeof UnmatchedSchema>;
export type RoundSiteView = Static<typeof SiteSchema>;
export type SlotView = Static<typeof SlotSchema>;
export type DoorVisitView = Static<typeof DoorVisitSchema>;
export type RetestStatus = 'open' | 'sampled' | 'done';

/** The summary a results-import job leaves (the jobs API drops `errors` and counts them). */
export type ResultJobSummary = Omit<ResultSummaryView, 'errors'> & { errorCount: number };

export const MISSING_PAGE = 20;
export const RETEST_PAGE = 50;
export const UNMATCHED_PAGE = 50;
/** A site's slots or a door team's households come in one page: a site serves tens of buildings. */
export const SCHEDULE_LIMIT = 1000;

const base = '/api/screening';
const roundPath = (id: Id) => `${base}/rounds/${id}`;

export const screeningKeys = {
  all: ['screening'] as const,
  rounds: () => ['screening', 'rounds'] as const,
  round: (id: Id) => ['screening', 'round', id] as const,
  status: (id: Id) => ['screening', 'round', id, 'status'] as const,
  coverage: (id: Id, placeId: Id) => ['screening', 'round', id, 'coverage', placeId] as const,
  missing: (id: Id, placeId: Id, offset: number) => ['screening', 'round', id, 'missing', placeId, offset] as const,
  turnaround: (id: Id) => ['screening', 'round', id, 'turnaround'] as const,
  pools: (id: Id) => ['screening', 'round', id, 'pools'] as const,
  retests: (id: Id, status: RetestStatus | undefined, offset: number) => ['screening', 'round', id, 'retests', status ?? 'all', offset] as const,
  findings: (id: Id) => ['screening', 'round', id, 'findings'] as const,
  sites: (id: Id) => ['screening', 'round', id, 'sites'] as const,
  slots: (id: Id, siteId: Id) => ['screening', 'round', id, 'slots', siteId] as const,
  doorVisits: (id: Id, siteId: Id) => ['screening', 'round', id, 'door-visits', siteId] as const,
  advice: (placeIds: readonly Id[]) => ['screening', 'advice', placeIds.join(',')] as const,
  box: (code: string) => ['screening', 'box', code] as const,
  tube: (code: string) => ['screening', 'tube', code] as const,
  unmatched: (offset: number) => ['screening', 'unmatched', offset] as const,
};

/** Progress figures move while samples stream in: the command views refresh on their own. */
const LIVE = 15_000;

export const roundsQuery = () =>
  queryOptions({
    queryKey: screeningKeys.rounds(),
    queryFn: ({ signal }) => api.get<RoundListView>(`${base}/rounds`, undefined, signal),
    refetchInterval: LIVE,
  });

export const roundQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.round(id),
    queryFn: ({ signal }) => api.get<RoundView>(roundPath(id), undefined, signal),
    meta: { silent: true }, // the page shows "round not found" itself
  });

export const roundStatusQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.status(id),
    queryFn: ({ signal }) => api.get<RoundStatusView>(`${roundPath(id)}/status`, undefined, signal),
    refetchInterval: LIVE,
  });

export const roundCoverageQuery = (id: Id, placeId: Id) =>
  queryOptions({
    queryKey: screeningKeys.coverage(id, placeId),
    queryFn: ({ signal }) => api.get<RoundCoverageView>(`${roundPath(id)}/coverage/${placeId}`, undefined, signal),
    refetchInterval: LIVE,
    placeholderData: keepPreviousData,
    meta: { silent: true }, // the coverage panel shows the error
  });

export const missingQuery = (id: Id, placeId: Id, offset: number) =>
  queryOptions({
    queryKey: screeningKeys.missing(id, placeId, offset),
    queryFn: ({ signal }) => api.get<Page<MissingRowView>>(`${roundPath(id)}/missing/${placeId}`, { limit: MISSING_PAGE, offset }, signal),
    placeholderData: keepPreviousData,
  });

export const missingExportUrl = (id: Id, placeId: Id) => `${roundPath(id)}/missing/${placeId}/export.xlsx`;

export const turnaroundQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.turnaround(id),
    queryFn: ({ signal }) => api.get<TurnaroundView>(`${roundPath(id)}/turnaround`, undefined, signal),
    refetchInterval: LIVE * 2,
  });

export const positivePoolsQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.pools(id),
    queryFn: ({ signal }) => api.get<Items<PositivePoolView>>(`${roundPath(id)}/positive-pools`, undefined, signal),
    refetchInterval: LIVE,
  });

export const retestsQuery = (id: Id, status: RetestStatus | undefined, offset: number) =>
  queryOptions({
    queryKey: screeningKeys.retests(id, status, offset),
    queryFn: ({ signal }) => api.get<Page<RetestView>>(`${roundPath(id)}/retests`, { status, limit: RETEST_PAGE, offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE,
  });

export const findingsQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.findings(id),
    queryFn: ({ signal }) => api.get<Items<FindingView>>(`${roundPath(id)}/findings`, undefined, signal),
    refetchInterval: LIVE,
  });

export const roundSitesQuery = (id: Id) =>
  queryOptions({
    queryKey: screeningKeys.sites(id),
    queryFn: ({ signal }) => api.get<Items<RoundSiteView>>(`${roundPath(id)}/sites`, undefined, signal),
    refetchInterval: LIVE,
  });

export const slotsQuery = (id: Id, siteId: Id) =>
  queryOptions({
    queryKey: screeningKeys.slots(id, siteId),
    queryFn: ({ signal }) => api.get<Items<SlotView>>(`${roundPath(id)}/slots`, { siteId, limit: SCHEDULE_LIMIT }, signal),
    refetchInterval: LIVE,
  });

export const roundDoorVisitsQuery = (id: Id, siteId: Id) =>
  queryOptions({
    queryKey: screeningKeys.doorVisits(id, siteId),
    queryFn: ({ signal }) => api.get<Items<DoorVisitView>>(`${roundPath(id)}/door-visits`, { siteId, limit: SCHEDULE_LIMIT }, signal),
    refetchInterval: LIVE,
  });

/** Pool sizes are advised up to the largest tube a sampling site has (20合1). */
export const poolAdviceQuery = (placeIds: readonly Id[]) =>
  queryOptions({
    queryKey: screeningKeys.advice(placeIds),
    queryFn: ({ signal }) => api.get<PoolAdviceView>(`${base}/pool-advice`, { placeIds: placeIds.join(','), maxPool: MAX_TUBE_CAPACITY }, signal),
    enabled: placeIds.length > 0,
    staleTime: 5 * 60_000,
  });

export const boxQuery = (code: string) =>
  queryOptions({
    queryKey: screeningKeys.box(code),
    queryFn: ({ signal }) => api.get<BoxViewData>(`${base}/boxes/${encodeURIComponent(code)}`, undefined, signal),
    enabled: code.length > 0,
    retry: false,
    meta: { silent: true }, // the receipt panel says "box not found" itself
  });

export const tubeQuery = (code: string) =>
  queryOptions({
    queryKey: screeningKeys.tube(code),
    queryFn: ({ signal }) => api.get<TubeViewData>(`${base}/tubes/${encodeURIComponent(code)}`, undefined, signal),
    enabled: code.length > 0,
    retry: false,
    meta: { silent: true },
  });

export const unmatchedQuery = (offset: number) =>
  queryOptions({
    queryKey: screeningKeys.unmatched(offset),
    queryFn: ({ signal }) => api.get<Items<UnmatchedView>>(`${base}/unmatched-results`, { limit: UNMATCHED_PAGE, offset }, signal),
    placeholderData: keepPreviousData,
  });

export function useCreateRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRound) => api.post<RoundView>(`${base}/rounds`, body),
    meta: { silent: true }, // the form shows the error
    onSuccess: () => qc.invalidateQueries({ queryKey: screeningKeys.rounds() }),
  });
}

export interface ReceiveInput {
  boxCode: string;
  labCode: string;
  /** The tubes scanned out of the box; undefined = every tube on the box's list arrived. */
  tubeCodes?: string[];
}

export function useReceiveBox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ boxCode, labCode, tubeCodes }: ReceiveInput) =>
      api.post<ReceiveResultView>(`${base}/boxes/${encodeURIComponent(boxCode)}/receive`, tubeCodes ? { labCode, tubeCodes } : { labCode }),
    meta: { silent: true }, // BOX_ALREADY_RECEIVED and friends are shown in the panel
    onSuccess: (res) => {
      qc.setQueryData(screeningKeys.box(res.box.code), res.box);
      return qc.invalidateQueries({ queryKey: screeningKeys.all });
    },
  });
}

export const uploadResults = (file: File) => api.upload<{ jobId: Id }>(`${base}/results/import`, 'file', file, file.name);
