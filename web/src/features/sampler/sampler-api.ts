// The screening API as the sampler uses it: open rounds, the round's sites, time slots and door visits, and the
// transport of the sync (registrations, seals). The sync never redirects to /login on a 401: the
// queue stays on the device and the screen asks for a new sign-in.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { DoorVisitView, RegistrationOutcomeView, RoundView, SiteView, SlotView, TubeDetailView } from './sampler-types.ts';
import type { SyncTransport } from './sync-engine.ts';

const ROUNDS = '/api/screening/rounds';

export const samplerKeys = {
  all: ['sampler'] as const,
  rounds: () => ['sampler', 'rounds'] as const,
  sites: (roundId: number) => ['sampler', 'sites', roundId] as const,
  doorVisits: (roundId: number, siteId: number) => ['sampler', 'door-visits', roundId, siteId] as const,
  slots: (roundId: number, siteId: number) => ['sampler', 'slots', roundId, siteId] as const,
};

export const isOpenRound = (r: RoundView) => r.status === 'open';

export const openRoundsQuery = () =>
  queryOptions({
    queryKey: samplerKeys.rounds(),
    queryFn: ({ signal }) => api.get<{ items: RoundView[] }>(ROUNDS, undefined, signal),
    select: (d) => d.items.filter(isOpenRound),
    staleTime: 60_000,
  });

export const sitesQuery = (roundId: number) =>
  queryOptions({
    queryKey: samplerKeys.sites(roundId),
    queryFn: ({ signal }) => api.get<{ items: SiteView[] }>(`${ROUNDS}/${roundId}/sites`, undefined, signal),
    staleTime: 60_000,
  });

export const doorVisitsQuery = (roundId: number, siteId: number) =>
  queryOptions({
    queryKey: samplerKeys.doorVisits(roundId, siteId),
    queryFn: ({ signal }) => api.get<{ items: DoorVisitView[] }>(`${ROUNDS}/${roundId}/door-visits`, { siteId, limit: 500 }, signal),
    staleTime: 15_000,
  });

export const slotsQuery = (roundId: number, siteId: number) =>
  queryOptions({
    queryKey: samplerKeys.slots(roundId, siteId),
    queryFn: ({ signal }) => api.get<{ items: SlotView[] }>(`${ROUNDS}/${roundId}/slots`, { siteId, limit: 500 }, signal),
    staleTime: 15_000,
  });

export const samplerTransport: SyncTransport = {
  register: async (items) =>
    (await api.post<{ items: RegistrationOutcomeView[] }>('/api/screening/registrations', { items }, { redirectOn401: false })).items,
  seal: async (code) => {
    const t = await api.post<TubeDetailView>(`/api/screening/tubes/${encodeURIComponent(code)}/seal`, {}, { redirectOn401: false });
    return { code: t.code, kind: t.kind, capacity: t.capacity, members: t.members, sealed: t.sealed };
  },
};
