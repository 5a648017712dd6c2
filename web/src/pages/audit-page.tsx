// /audit — filters, the entries of one page, and cursor paging backwards in time with `before`.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Id } from '../api/types.ts';
import { auditQuery, type AuditFilter } from '../features/audit/audit-api.ts';
import { AuditFilters } from '../features/audit/audit-filters.tsx';
import { AuditTable } from '../features/audit/audit-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  // cursors[i] is the `before` of page i+1; the first page has none.
  const [cursors, setCursors] = useState<(Id | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const q = useQuery(auditQuery(filter, before));
  const next = q.data?.nextBefore ?? null;

  const applyFilter = (f: AuditFilter) => {
    setFilter(f);
    setCursors([undefined]);
  };

  return (
    <Card title={t('audit.title')} data-testid="audit-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <AuditFilters onChange={applyFilter} />
        <AuditTable items={q.data?.items ?? []} loading={q.isFetching} />
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button icon={<LeftOutlined />} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('common.prev')}
          </Button>
          <Typography.Text>{t('audit.page', { n: cursors.length })}</Typography.Text>
          <Button disabled={!next || q.isPlaceholderData} onClick={() => next && setCursors((c) => [...c, next])}>
            {t('common.next')}
            <RightOutlined />
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
