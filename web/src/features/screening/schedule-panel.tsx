// 采样安排 (分时段分批): the round's sampling sites with what each was planned and has done; for a
// fixed site its time slots, one building each, with how many of the building have been sampled; for
// a door-to-door team the households it visits (sealed buildings, special groups).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  roundDoorVisitsQuery, roundSitesQuery, SCHEDULE_LIMIT, slotsQuery, type DoorVisitView, type RoundSiteView, type SlotView,
} from './screening-api.ts';
import { clockTime, shortTime, slotBuildingName, slotStateAt, type SlotState } from './screening-format.ts';
import { DoorReasonTag, isDoorTeam, SiteModeTag } from './site-tags.tsx';
import { useNow } from './use-now.ts';

function Fill({ done, of }: { done: number; of: number }) {
  return (
    <Space size={8} style={{ whiteSpace: 'nowrap' }}>
      <Progress percent={of ? Math.round((done / of) * 100) : 0} size="small" showInfo={false} style={{ width: 80, margin: 0 }} status={of && done >= of ? 'success' : 'normal'} />
      <Typography.Text>
        {done}/{of}
      </Typography.Text>
    </Space>
  );
}

const SLOT_COLOR: Record<SlotState, string> = { upcoming: 'default', now: 'processing', past: 'default' };

/** A site's list: one page of up to SCHEDULE_LIMIT rows, with a note when the limit cut it. */
function ScheduleTable<T extends { id: number }>(props: { testId: string; loading: boolean; items: T[]; emptyText: string; columns: TableColumnsType<T>; onRow?: (r: T) => HTMLAttributes<HTMLElement> }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {props.items.length >= SCHEDULE_LIMIT && <Alert type="info" showIcon message={t('screening.schedule.first', { n: SCHEDULE_LIMIT })} />}
      <Table<T>
        size="small"
        rowKey="id"
        data-testid={props.testId}
        loading={props.loading}
        dataSource={props.items}
        pagination={props.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: props.emptyText }}
        onRow={props.onRow}
        columns={props.columns}
      />
    </Space>
  );
}

function SlotsTable({ roundId, siteId }: { roundId: Id; siteId: Id }) {
  const { t } = useI18n();
  const now = useNow();
  const q = useQuery(slotsQuery(roundId, siteId));
  return (
    <ScheduleTable<SlotView>
      testId="schedule-slots"
      loading={q.isPending}
      items={q.data?.items ?? []}
      emptyText={t('screening.schedule.noSlots')}
      onRow={(r) => ({ 'data-testid': 'schedule-slot', 'data-building': r.buildingCode, 'data-state': slotStateAt(r, now) }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('screening.schedule.slot'),
          key: 'slot',
          render: (_: unknown, r) => (
            <Typography.Text strong={slotStateAt(r, now) === 'now'} style={{ whiteSpace: 'nowrap' }}>
              {shortTime(r.startsAt)} – {clockTime(r.endsAt)}
            </Typography.Text>
          ),
        },
        { title: t('screening.schedule.building'), key: 'building', render: (_: unknown, r) => slotBuildingName(r) },
        { title: t('screening.schedule.sampled'), key: 'sampled', render: (_: unknown, r) => <Fill done={r.sampled} of={r.people} /> },
        {
          title: t('screening.state'),
          key: 'state',
          render: (_: unknown, r) => {
            const state = slotStateAt(r, now);
            return <Tag color={SLOT_COLOR[state]}>{t(`screening.schedule.state.${state}`)}</Tag>;
          },
        },
      ]}
    />
  );
}

function DoorVisitsTable({ roundId, siteId }: { roundId: Id; siteId: Id }) {
  const { t } = useI18n();
  const q = useQuery(roundDoorVisitsQuery(roundId, siteId));
  return (
    <ScheduleTable<DoorVisitView>
      testId="schedule-door-visits"
      loading={q.isPending}
      items={q.data?.items ?? []}
      emptyText={t('screening.schedule.noDoorVisits')}
      columns={[
        { title: t('screening.schedule.household'), dataIndex: 'householdName' },
        { title: t('screening.schedule.location'), dataIndex: 'location' },
        {
          title: t('screening.schedule.reason'),
          dataIndex: 'reason',
          render: (v: string) => <DoorReasonTag reason={v} />,
        },
        { title: t('screening.schedule.sampled'), key: 'sampled', render: (_: unknown, r) => <Fill done={r.sampled} of={r.members} /> },
      ]}
    />
  );
}

export function SchedulePanel({ roundId }: { roundId: Id }) {
  const { t } = useI18n();
  const sites = useQuery(roundSitesQuery(roundId));
  const [chosen, setChosen] = useState<number | null>(null);
  const items = sites.data?.items ?? [];
  const site = items.find((s) => s.id === chosen) ?? items[0];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="schedule-panel">
      <Card size="small" title={t('screening.schedule.sites', { n: items.length })} styles={{ body: { padding: 0 } }}>
        <Table<RoundSiteView>
          size="small"
          rowKey="id"
          data-testid="schedule-sites"
          loading={sites.isPending}
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('screening.schedule.noSites') }}
          rowSelection={{ type: 'radio', selectedRowKeys: site ? [site.id] : [], onChange: (keys) => setChosen(Number(keys[0])), columnWidth: 32 }}
          onRow={(r) => ({ onClick: () => setChosen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'schedule-site', 'data-site-code': r.code, 'data-samples': r.samples }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('screening.schedule.site'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <Space size={6} style={{ whiteSpace: 'nowrap' }}>
                  <SiteModeTag siteMode={r.siteMode} />
                  {v}
                </Space>
              ),
            },
            { title: t('screening.schedule.area'), dataIndex: 'placeName' },
            { title: t('screening.schedule.capacity'), dataIndex: 'capacityPerHour', align: 'right', render: (v: number | null, r) => (isDoorTeam(r.siteMode) || v === null ? '—' : v) },
            {
              title: t('screening.schedule.plan'),
              key: 'plan',
              align: 'right',
              render: (_: unknown, r) => (isDoorTeam(r.siteMode) ? t('screening.schedule.households', { n: r.doorVisits }) : t('screening.schedule.slots', { n: r.slots })),
            },
            { title: t('screening.schedule.samples'), dataIndex: 'samples', align: 'right', render: (v: number) => v.toLocaleString() },
            { title: t('screening.schedule.openTubes'), dataIndex: 'openTubes', align: 'right' },
          ]}
        />
      </Card>
      {site && (
        <Card size="small" data-testid="schedule-site-detail" data-site-code={site.code} title={t(isDoorTeam(site.siteMode) ? 'screening.schedule.doorOf' : 'screening.schedule.slotsOf', { site: site.name })}>
          {isDoorTeam(site.siteMode) ? <DoorVisitsTable roundId={roundId} siteId={site.id} /> : <SlotsTable roundId={roundId} siteId={site.id} />}
        </Card>
      )}
    </Space>
  );
}
