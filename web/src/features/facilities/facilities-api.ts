// Queries of facilities (sampling sites, labs, isolation sites…) attached to places.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { FacilityKind } from '../../../../domain/places.ts';
import { api } from '../../api/client.ts';
import type { Facility, FacilitySummary, Id, Page } from '../../api/types.ts';

export interface FacilityListParams {
  kind?: FacilityKind;
  limit: number;
  offset: number;
}

export const facilitiesInPlaceQuery = (placeId: Id, params: FacilityListParams) =>
  queryOptions({
    queryKey: ['places', 'facilities', placeId, params] as const,
    queryFn: ({ signal }) =>
      api.get<Page<FacilitySummary>>(
        `/api/places/${placeId}/facilities`,
        { kind: params.kind, limit: params.limit, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const facilityQuery = (id: Id) =>
  queryOptions({
    queryKey: ['facilities', 'detail', id] as const,
    queryFn: ({ signal }) => api.get<Facility>(`/api/facilities/${id}`, undefined, signal),
  });
