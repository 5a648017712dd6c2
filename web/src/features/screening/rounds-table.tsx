// Testing rounds, newest first, each with its progress: sampled/expected, results, positive pools and
// the time left until the deadline. A row opens the round's command page.
import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { CoverageProgress } from './coverage-progress.tsx';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { RoundStatusTag } from './round-status-tag.tsx';
import type { RoundView } from './screening-api.ts';
import { percentText, shortTime } from './screening-format.ts';

export function RoundsTable({ rounds, loading }: { rounds: RoundView[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<RoundView>
      size="middle"
      rowKey="id"
      data-testid="rounds-table"
      loading={loading}
      dataSource={rounds}
      pagination={rounds.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('screening.noRounds') }}
      onRow={(r) => ({ 'data-round-id': r.id, 'data-name': r.name }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('screening.round'),
          dataIndex: 'name',
          render: (v: string, r) => (
            <Space direction="vertical" size={0}>
              <Link to={`/screening/${r.id}`} data-testid="round-link" style={{ fontWeight: 600 }}>
                {v}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.places.map((p) => p.name).join('、')}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('screening.state'), dataIndex: 'status', render: (v: string) => <RoundStatusTag status={v} /> },
        { title: t('screening.startsAt'), dataIndex: 'startsAt', render: (v: string) => shortTime(v) },
        {
          title: t('screening.sampledOfExpected'),
          key: 'progress',
          render: (_: unknown, r) => <CoverageProgress sampled={r.progress.sampled} expected={r.progress.expected} rate={r.progress.coverage} showPercent={false} />,
        },
        { title: t('screening.coverage'), key: 'coverage', align: 'right', render: (_: unknown, r) => percentText(r.progress.coverage) },
        {
          title: t('screening.tubesWithResult'),
          key: 'results',
          align: 'right',
          render: (_: unknown, r) => `${r.progress.tubesWithResult}/${r.progress.tubes}`,
        },
        {
          title: t('screening.positivePools'),
          key: 'pools',
          align: 'right',
          render: (_: unknown, r) => (r.progress.positivePools > 0 ? <Tag color="red">{r.progress.positivePools}</Tag> : 0),
        },
        {
          title: t('screening.deadline'),
          dataIndex: 'deadline',
          render: (v: string, r) => (
            <Space direction="vertical" size={0}>
              <DeadlineCountdown deadline={v} closed={r.status === 'closed'} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {shortTime(v)}
              </Typography.Text>
            </Space>
          ),
        },
      ]}
    />
  );
}
