// Desktop view of the children of a place: coverage as a sortable table; a row drills down.
import { Progress, Space, Table, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { CoverageCounts } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from '../places/place-kind-tag.tsx';

function Cell({ done, total, rate }: { done: number; total: number; rate: number | null }) {
  return (
    <Space size={8} style={{ minWidth: 220 }}>
      <Progress percent={rate === null ? 0 : Math.round(rate * 1000) / 10} size="small" style={{ width: 130, margin: 0 }} />
      <Typography.Text type="secondary">
        {done}/{total}
      </Typography.Text>
    </Space>
  );
}

const byRate = (k: 'householdRate' | 'peopleRate') => (a: CoverageCounts, b: CoverageCounts) => (a[k] ?? -1) - (b[k] ?? -1);

export function CoverageTable({ items, linkOf }: { items: CoverageCounts[]; linkOf: (c: CoverageCounts) => string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table<CoverageCounts>
      size="small"
      rowKey="id"
      data-testid="coverage-table"
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      onRow={(c) => ({ onClick: () => navigate(linkOf(c)), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('census.place'),
          dataIndex: 'name',
          render: (v: string, c) => (
            <Space size={6}>
              <Typography.Link>{v}</Typography.Link>
              <PlaceKindTag kind={c.kind} />
            </Space>
          ),
        },
        {
          title: t('census.householdsVisited'),
          key: 'households',
          sorter: byRate('householdRate'),
          render: (_: unknown, c) => <Cell done={c.visited} total={c.households} rate={c.householdRate} />,
        },
        {
          title: t('census.peopleConfirmed'),
          key: 'people',
          sorter: byRate('peopleRate'),
          render: (_: unknown, c) => <Cell done={c.confirmed} total={c.people} rate={c.peopleRate} />,
        },
        { title: t('census.unvisitedCount'), key: 'unvisited', align: 'right', sorter: (a, b) => a.households - a.visited - (b.households - b.visited), render: (_: unknown, c) => c.households - c.visited },
      ]}
    />
  );
}
