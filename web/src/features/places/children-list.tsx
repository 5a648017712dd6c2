// The children of a place as a table; a row click selects that child.
import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import type { Id, PlaceSummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from './place-kind-tag.tsx';
import { childrenQuery } from './places-api.ts';

export function ChildrenList({ placeId, onSelect }: { placeId: Id; onSelect: (id: Id) => void }) {
  const { t } = useI18n();
  const q = useQuery(childrenQuery(placeId));
  return (
    <Table<PlaceSummary>
      size="small"
      rowKey="id"
      data-testid="children-list"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('places.noChildren') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
      onRow={(p) => ({ onClick: () => onSelect(p.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('places.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
        { title: t('places.code'), dataIndex: 'code' },
        { title: t('places.kind'), dataIndex: 'kind', render: (_v, p) => <PlaceKindTag kind={p.kind} /> },
        { title: t('places.sortOrder'), dataIndex: 'sortOrder', responsive: ['md'] },
        { title: t('places.childCount'), dataIndex: 'childCount' },
      ]}
    />
  );
}
