// Queries and mutations of the places domain (GET/POST/PATCH /api/places…).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  CreatePlaceBody,
  Id,
  Items,
  Page,
  PlaceDetail,
  PlaceMap,
  PlaceSummary,
  UpdatePlaceBody,
} from '../../api/types.ts';

/** Children per tree node; a node with more shows a notice instead of the rest. */
export const CHILD_LIMIT = 500;

export const placeKeys = {
  all: ['places'] as const,
  roots: () => ['places', 'roots'] as const,
  children: (id: Id) => ['places', 'children', id] as const,
  detail: (id: Id) => ['places', 'detail', id] as const,
  map: (id: Id) => ['places', 'map', id] as const,
  search: (q: string) => ['places', 'search', q] as const,
};

export const rootsQuery = () =>
  queryOptions({
    queryKey: placeKeys.roots(),
    queryFn: ({ signal }) => api.get<Items<PlaceSummary>>('/api/places/roots', undefined, signal),
  });

export const childrenQuery = (id: Id) =>
  queryOptions({
    queryKey: placeKeys.children(id),
    queryFn: ({ signal }) =>
      api.get<Page<PlaceSummary>>(`/api/places/${id}/children`, { limit: CHILD_LIMIT }, signal),
  });

export const placeQuery = (id: Id) =>
  queryOptions({
    queryKey: placeKeys.detail(id),
    queryFn: ({ signal }) => api.get<PlaceDetail>(`/api/places/${id}`, undefined, signal),
    meta: { silent: true }, // the detail panel shows its own error
  });

export const placeMapQuery = (id: Id) =>
  queryOptions({
    queryKey: placeKeys.map(id),
    queryFn: ({ signal }) => api.get<PlaceMap>(`/api/places/${id}/map`, undefined, signal),
    staleTime: 5 * 60_000,
  });

export const placeSearchQuery = (q: string) =>
  queryOptions({
    queryKey: placeKeys.search(q),
    queryFn: ({ signal }) => api.get<Items<PlaceSummary>>('/api/places', { q, limit: 20 }, signal),
    enabled: q.trim().length > 0,
  });

export const exportUrl = (id: Id) => `/api/places/${id}/export.xlsx`;

export function useCreatePlace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePlaceBody) => api.post<PlaceDetail>('/api/places', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

export function useUpdatePlace(id: Id) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePlaceBody) => api.patch<PlaceDetail>(`/api/places/${id}`, body),
    onSuccess: (place) => {
      qc.setQueryData(placeKeys.detail(id), place);
      return qc.invalidateQueries({ queryKey: placeKeys.all });
    },
  });
}
