// A fixed site's time slots for this round (分时段分批): which building comes when, and how many of it
// have been sampled. The header names the slot under way (or the next one), so the sampler sees who
// should be in the queue without opening the list.
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { clockTime, slotBuildingName, slotStateAt } from '../screening/screening-format.ts';
import { useNow } from '../screening/use-now.ts';
import { CollapsedList } from './collapsed-list.tsx';
import { slotsQuery } from './sampler-api.ts';
import type { SlotView } from './sampler-types.ts';

const span = (s: SlotView) => `${clockTime(s.startsAt)}–${clockTime(s.endsAt)}`;

function SlotRow({ s, now }: { s: SlotView; now: Date }) {
  const { t } = useI18n();
  const state = slotStateAt(s, now);
  const done = s.people > 0 && s.sampled >= s.people;
  return (
    <List.Item style={{ padding: '8px 12px', background: state === 'now' ? '#e6f4ff' : undefined }} data-testid="slot" data-state={state} data-building={s.buildingCode}>
      <Space direction="vertical" size={0} style={{ width: '100%' }}>
        <Space size={6}>
          {done ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <ClockCircleOutlined />}
          <Typography.Text strong={state === 'now'} type={state === 'past' && !done ? 'secondary' : undefined}>
            {span(s)}
          </Typography.Text>
          {state === 'now' && <Tag color="processing">{t('sampler.slotNow')}</Tag>}
        </Space>
        <Space size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text ellipsis>{slotBuildingName(s)}</Typography.Text>
          <Typography.Text type={done ? 'success' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {t('sampler.doorSampled', { sampled: s.sampled, members: s.people })}
          </Typography.Text>
        </Space>
      </Space>
    </List.Item>
  );
}

export function SlotList({ roundId, siteId }: { roundId: number; siteId: number }) {
  const { t } = useI18n();
  const now = useNow();
  const q = useQuery({ ...slotsQuery(roundId, siteId), meta: { silent: true } });
  const items = q.data?.items ?? [];
  const current = items.find((s) => slotStateAt(s, now) === 'now') ?? items.find((s) => slotStateAt(s, now) === 'upcoming');
  const headline = current
    ? t(slotStateAt(current, now) === 'now' ? 'sampler.slotsNow' : 'sampler.slotsNext', { time: span(current), building: slotBuildingName(current) })
    : t('sampler.slots', { n: items.length });
  return (
    <CollapsedList<SlotView>
      testId="slots"
      label={<span data-testid="slots-headline">{headline}</span>}
      loading={q.isPending && q.fetchStatus !== 'paused'}
      items={items}
      emptyText={t('sampler.noSlots')}
      renderItem={(s) => <SlotRow s={s} now={now} />}
    />
  );
}
