// The drill-down starting places of a round for the signed-in user (see coverage-starts.ts).
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { PlaceDetail, PlaceRef } from '../../api/types.ts';
import { placeQuery, rootsQuery } from '../places/places-api.ts';
import { coverageStarts } from './coverage-starts.ts';
import type { RoundView } from './screening-api.ts';

export function useCoverageStarts(round: RoundView | undefined): PlaceRef[] | undefined {
  const roots = useQuery(rootsQuery());
  const details = useQueries({ queries: (roots.data?.items ?? []).map((r) => placeQuery(r.id)) });
  const ready = !!round && !!roots.data && details.every((d) => !d.isPending);
  const loaded = details.map((d) => d.data).filter((d): d is PlaceDetail => !!d);
  const key = loaded.map((d) => d.id).join(',');
  return useMemo(
    () => (ready && round ? coverageStarts(round.places as PlaceRef[], loaded) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `loaded` is a new array each render; `key` names its content
    [ready, round, key],
  );
}
