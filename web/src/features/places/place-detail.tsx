// Right panel: one place — breadcrumb, facts, actions, and tabs (map, children, facilities).
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Grid, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import type { Id, PlaceDetail as Place } from '../../api/types.ts';
import { useCan } from '../auth/use-auth.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FacilitiesTable } from '../facilities/facilities-table.tsx';
import { FacilityDrawer } from '../facilities/facility-drawer.tsx';
import { ChildrenList } from './children-list.tsx';
import { PlaceCreateModal } from './place-create-modal.tsx';
import { PlaceEditModal } from './place-edit-modal.tsx';
import { PlaceKindTag } from './place-kind-tag.tsx';
import { PlaceMap } from './place-map.tsx';
import { exportUrl, placeQuery, rootsQuery } from './places-api.ts';

function PlaceFacts({ place }: { place: Place }) {
  const { t } = useI18n();
  const coords = place.lat != null && place.lng != null ? `${place.lat.toFixed(5)}, ${place.lng.toFixed(5)}` : t('common.none');
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="place-facts">
      <Descriptions.Item label={t('places.code')}>{place.code}</Descriptions.Item>
      <Descriptions.Item label={t('places.kind')}>
        <PlaceKindTag kind={place.kind} />
      </Descriptions.Item>
      <Descriptions.Item label={t('places.sortOrder')}>{place.sortOrder}</Descriptions.Item>
      <Descriptions.Item label={t('places.coords')}>{coords}</Descriptions.Item>
      <Descriptions.Item label={t('places.childCount')}>{place.childCount}</Descriptions.Item>
      <Descriptions.Item label={t('places.facilityCount')}>{place.facilityCount}</Descriptions.Item>
    </Descriptions>
  );
}

function PlaceActions({ place, onCreated }: { place: Place; onCreated?: (p: Place) => void }) {
  const { t } = useI18n();
  const canWrite = useCan('places.write');
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  return (
    <Space wrap>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="place-create">
          {t('places.create')}
        </Button>
      )}
      {canWrite && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="place-edit">
          {t('places.edit')}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} href={exportUrl(place.id)} download data-testid="place-export">
        {t('places.export')}
      </Button>
      {canWrite && (
        <PlaceCreateModal parent={place} open={dialog === 'create'} onClose={() => setDialog(null)} onCreated={onCreated} />
      )}
      {canWrite && <PlaceEditModal place={place} open={dialog === 'edit'} onClose={() => setDialog(null)} />}
    </Space>
  );
}

interface Props {
  placeId: Id;
  onSelect: (id: Id) => void;
  /** Called after a child was created here (the page reveals it in the tree). */
  onCreated?: (p: Place) => void;
}

export function PlaceDetail({ placeId, onSelect, onCreated }: Props) {
  const { t } = useI18n();
  const q = useQuery(placeQuery(placeId));
  const roots = useQuery(rootsQuery());
  const wide = Grid.useBreakpoint().md;
  const [facilityId, setFacilityId] = useState<Id | null>(null);
  const place = q.data;

  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.isError || !place) return <Alert type="error" showIcon message={errorText(q.error, t)} />;

  // Ancestors above the caller's scope are shown but not links (they would not open).
  const rootIds = new Set((roots.data?.items ?? []).map((r) => r.id));
  const chain = [...place.ancestors, place];
  const firstInScope = chain.findIndex((a) => rootIds.has(a.id));
  const crumbs = chain.map((a, i) => ({
    key: a.id,
    title: a.id === place.id || i < firstInScope ? a.name : <a onClick={() => onSelect(a.id)}>{a.name}</a>,
  }));

  return (
    <Card
      data-testid="place-detail"
      title={
        <Space>
          <span>{place.name}</span>
          <PlaceKindTag kind={place.kind} />
        </Space>
      }
      extra={wide ? <PlaceActions place={place} onCreated={onCreated} /> : undefined}
    >
      {!wide && (
        <div style={{ marginBottom: 12 }}>
          <PlaceActions place={place} onCreated={onCreated} />
        </div>
      )}
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="place-breadcrumb" />
      <PlaceFacts place={place} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'map',
            label: t('places.tab.map'),
            children: <PlaceMap placeId={place.id} onSelectPlace={onSelect} onSelectFacility={setFacilityId} />,
          },
          { key: 'children', label: t('places.tab.children'), children: <ChildrenList placeId={place.id} onSelect={onSelect} /> },
          {
            key: 'facilities',
            label: `${t('places.tab.facilities')} (${place.facilityCount})`,
            children: <FacilitiesTable placeId={place.id} onOpen={setFacilityId} />,
          },
        ]}
      />
      <FacilityDrawer id={facilityId} onClose={() => setFacilityId(null)} />
    </Card>
  );
}
