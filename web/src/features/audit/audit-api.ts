// GET /api/audit with filters and a `before` cursor.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AuditPage, Id } from '../../api/types.ts';

export interface AuditFilter {
  actor?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditQuery = (filter: AuditFilter, before: Id | undefined) =>
  queryOptions({
    queryKey: ['audit', filter, before ?? null] as const,
    queryFn: ({ signal }) => api.get<AuditPage>('/api/audit', { ...filter, before, limit: AUDIT_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
