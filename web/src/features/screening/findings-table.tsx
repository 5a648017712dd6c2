// Positive single tubes awaiting review (each a case report to confirm).
import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Id } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { CtValues } from './ct-values.tsx';
import { findingsQuery, type FindingView } from './screening-api.ts';
import { shortTime } from './screening-format.ts';

export function FindingsTable({ roundId, onTube }: { roundId: Id; onTube: (code: string) => void }) {
  const { t } = useI18n();
  const q = useQuery(findingsQuery(roundId));
  const status = (s: string) => {
    const key = `screening.findingStatus.${s}`;
    return hasMessage(key) ? t(key) : s;
  };
  return (
    <Table<FindingView>
      size="small"
      rowKey="id"
      data-testid="findings-table"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={(q.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('screening.noFindings') }}
      onRow={() => ({ 'data-testid': 'finding-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('persons.name'), dataIndex: 'name' },
        { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('screening.tubeCode'), dataIndex: 'tubeCode', render: (v: string) => <Typography.Link onClick={() => onTube(v)}>{v}</Typography.Link> },
        { title: 'Ct', key: 'ct', render: (_: unknown, r) => <CtValues orf1ab={r.ctOrf1ab} n={r.ctN} /> },
        { title: t('screening.location'), dataIndex: 'location', render: (v: string | null) => v ?? '—' },
        { title: t('screening.state'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'awaiting_review' ? 'red' : 'default'}>{status(v)}</Tag> },
        { title: t('screening.createdAt'), dataIndex: 'createdAt', render: (v: string) => shortTime(v) },
      ]}
    />
  );
}
