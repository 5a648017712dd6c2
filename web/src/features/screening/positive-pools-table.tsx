// 混阳: the round's positive pooled tubes, each with how many of its members are controlled and
// retested single-tube, and how many of them were positive.
import { useQuery } from '@tanstack/react-query';
import { Progress, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CtValues } from './ct-values.tsx';
import { positivePoolsQuery, type PositivePoolView } from './screening-api.ts';
import { shortTime } from './screening-format.ts';

function Share({ done, of, testId }: { done: number; of: number; testId: string }) {
  return (
    <Space size={6} data-testid={testId} data-value={done} style={{ whiteSpace: 'nowrap' }}>
      <Progress type="circle" size={22} percent={of ? Math.round((done / of) * 100) : 0} showInfo={false} />
      <Typography.Text>
        {done}/{of}
      </Typography.Text>
    </Space>
  );
}

export function PositivePoolsTable({ roundId, onTube }: { roundId: Id; onTube: (code: string) => void }) {
  const { t } = useI18n();
  const q = useQuery(positivePoolsQuery(roundId));
  return (
    <Table<PositivePoolView>
      size="small"
      rowKey="tubeCode"
      data-testid="positive-pools"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={(q.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('screening.noPositivePools') }}
      onRow={(r) => ({ 'data-testid': 'positive-pool', 'data-tube': r.tubeCode }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('screening.tubeCode'), dataIndex: 'tubeCode', render: (v: string) => <Typography.Link onClick={() => onTube(v)}>{v}</Typography.Link> },
        { title: t('screening.tubeKind'), dataIndex: 'kind', render: (v: string) => t(`screening.tubeKind.${v === 'household' ? 'household' : v === 'single' ? 'single' : 'pool'}`) },
        { title: t('screening.members'), dataIndex: 'members', align: 'right' },
        { title: t('screening.site'), dataIndex: 'siteName', render: (v: string | null) => v ?? '—' },
        { title: 'Ct', key: 'ct', render: (_: unknown, r) => <CtValues orf1ab={r.ctOrf1ab} n={r.ctN} /> },
        { title: t('screening.reportedAt'), dataIndex: 'reportedAt', render: (v: string | null) => shortTime(v) },
        { title: t('screening.controlled'), key: 'controlled', render: (_: unknown, r) => <Share done={r.controlled} of={r.members} testId="pool-controlled" /> },
        { title: t('screening.retested'), key: 'retested', render: (_: unknown, r) => <Share done={r.retested} of={r.members} testId="pool-retested" /> },
        {
          title: t('screening.retestPositives'),
          dataIndex: 'positives',
          align: 'right',
          render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : 0),
        },
      ]}
    />
  );
}
