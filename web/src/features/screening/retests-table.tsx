// Single-tube retest tasks of the round (members of positive pools), filtered by state; each with
// the team that goes (site or door-to-door) and the building.
import { HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { Id } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { LabResultTag } from './lab-result-tag.tsx';
import { RetestStatusTag } from './retest-status-tag.tsx';
import { RETEST_PAGE, retestsQuery, type RetestStatus, type RetestView } from './screening-api.ts';
import { shortTime } from './screening-format.ts';

type Filter = RetestStatus | 'all';

export function RetestsTable({ roundId, onTube }: { roundId: Id; onTube: (code: string) => void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const [offset, setOffset] = useState(0);
  const q = useQuery(retestsQuery(roundId, filter === 'all' ? undefined : filter, offset));
  const reason = (r: string) => {
    const key = `screening.reason.${r}`;
    return hasMessage(key) ? t(key) : r;
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented<Filter>
        value={filter}
        data-testid="retest-filter"
        onChange={(v) => {
          setFilter(v);
          setOffset(0);
        }}
        options={(['all', 'open', 'sampled', 'done'] as const).map((v) => ({ value: v, label: t(v === 'all' ? 'screening.all' : `screening.retestStatus.${v}`) }))}
      />
      <Table<RetestView>
        size="small"
        rowKey="id"
        data-testid="retests-table"
        data-total={q.data?.total ?? 0}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('screening.noRetests') }}
        pagination={{
          current: offset / RETEST_PAGE + 1,
          pageSize: RETEST_PAGE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => setOffset((p - 1) * RETEST_PAGE),
        }}
        onRow={(r) => ({ 'data-testid': 'retest-row', 'data-source-tube': r.sourceTube ?? '' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('persons.name'), dataIndex: 'name' },
          { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('screening.reason'), dataIndex: 'reason', render: (v: string) => reason(v) },
          { title: t('screening.sourceTube'), dataIndex: 'sourceTube', render: (v: string | null) => (v ? <Typography.Link onClick={() => onTube(v)}>{v}</Typography.Link> : '—') },
          {
            title: t('screening.team'),
            key: 'team',
            render: (_: unknown, r) => (
              <Space size={4}>
                {r.siteName ?? '—'}
                {r.doorToDoor && (
                  <Tag icon={<HomeOutlined />} color="purple" data-testid="door-to-door">
                    {t('screening.doorToDoor')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('screening.building'), dataIndex: 'buildingName', render: (v: string | null) => v ?? '—' },
          { title: t('screening.state'), dataIndex: 'status', render: (v: string) => <RetestStatusTag status={v} /> },
          { title: t('screening.result'), dataIndex: 'result', render: (v: string | null) => (v ? <LabResultTag result={v} /> : '—') },
          { title: t('screening.createdAt'), dataIndex: 'createdAt', render: (v: string) => shortTime(v) },
        ]}
      />
    </Space>
  );
}
