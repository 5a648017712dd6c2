// Facilities in the subtree of a place, paged by the server; a row click opens the drawer.
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { FACILITY_KIND_LABELS, FACILITY_KINDS, type FacilityKind } from '../../../../domain/places.ts';
import type { FacilitySummary, Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CapacityText } from './capacity-text.tsx';
import { facilitiesInPlaceQuery } from './facilities-api.ts';
import { FacilityKindTag } from './facility-kind-tag.tsx';

const PAGE_SIZE = 20;

export function FacilitiesTable({ placeId, onOpen }: { placeId: Id; onOpen: (id: Id) => void }) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<FacilityKind | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery(facilitiesInPlaceQuery(placeId, { kind, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<FacilityKind>
        allowClear
        style={{ width: 200 }}
        placeholder={t('facilities.allKinds')}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setPage(1);
        }}
        options={FACILITY_KINDS.map((k) => ({ value: k, label: label(FACILITY_KIND_LABELS[k], k) }))}
      />
      <Table<FacilitySummary>
        size="small"
        rowKey="id"
        data-testid="facilities-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('facilities.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: setPage,
        }}
        onRow={(f) => ({ onClick: () => onOpen(f.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('facilities.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
          { title: t('facilities.code'), dataIndex: 'code' },
          { title: t('facilities.kind'), dataIndex: 'kind', render: (_v, f) => <FacilityKindTag kind={f.kind} /> },
          { title: t('facilities.capacity'), key: 'capacity', render: (_v, f) => <CapacityText facility={f} /> },
          { title: t('facilities.place'), dataIndex: 'placeName' },
        ]}
      />
    </Space>
  );
}
