// Drawer with one facility (GET /api/facilities/:id) and its isolation rooms.
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Spin, Table, Tag, Typography } from 'antd';
import type { Id, Room, RoomStatus } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { CapacityText } from './capacity-text.tsx';
import { facilityQuery } from './facilities-api.ts';
import { FacilityKindTag } from './facility-kind-tag.tsx';

const STATUS_COLORS: Record<RoomStatus, string> = {
  free: 'green',
  occupied: 'red',
  cleaning: 'gold',
  out_of_service: 'default',
};

export function FacilityDrawer({ id, onClose }: { id: Id | null; onClose: () => void }) {
  const { t } = useI18n();
  const q = useQuery({ ...facilityQuery(id ?? 0), enabled: !!id });
  const f = q.data;
  const rooms = f?.rooms ?? [];
  const statusLabel = (s: RoomStatus) => {
    const key = `rooms.status.${s}`;
    return hasMessage(key) ? t(key) : s;
  };

  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={f?.name ?? t('common.loading')} data-testid="facility-drawer">
      {!f ? (
        <Spin />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('facilities.code')}>{f.code}</Descriptions.Item>
            <Descriptions.Item label={t('facilities.kind')}>
              <FacilityKindTag kind={f.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('facilities.place')}>{f.placeName}</Descriptions.Item>
            <Descriptions.Item label={t('facilities.capacity')}>
              <CapacityText facility={f} />
            </Descriptions.Item>
            <Descriptions.Item label={t('facilities.coords')}>
              {f.lat != null && f.lng != null ? `${f.lat.toFixed(5)}, ${f.lng.toFixed(5)}` : t('common.none')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('facilities.rooms')}
            {rooms.length > 0 && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                {t('rooms.summary', { rooms: rooms.length, free: rooms.filter((r) => r.status === 'free').length })}
              </Typography.Text>
            )}
          </Typography.Title>
          <Table<Room>
            size="small"
            rowKey="id"
            dataSource={rooms}
            locale={{ emptyText: t('facilities.noRooms') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('rooms.number'), dataIndex: 'number' },
              { title: t('rooms.capacity'), dataIndex: 'capacity' },
              {
                title: t('rooms.status'),
                dataIndex: 'status',
                render: (s: RoomStatus) => <Tag color={STATUS_COLORS[s] ?? 'default'}>{statusLabel(s)}</Tag>,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
