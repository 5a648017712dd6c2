// A door team's households for this round: where, why (sealed building, special group), and how
// many of the members have been sampled.
import { CheckCircleFilled, HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { List, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { DoorReasonTag } from '../screening/site-tags.tsx';
import { CollapsedList } from './collapsed-list.tsx';
import { doorVisitsQuery } from './sampler-api.ts';
import type { DoorVisitView } from './sampler-types.ts';

function DoorVisitRow({ v }: { v: DoorVisitView }) {
  const { t } = useI18n();
  const done = v.members > 0 && v.sampled >= v.members;
  return (
    <List.Item style={{ padding: '8px 12px' }} data-testid="door-visit" data-household={v.householdCode}>
      <Space direction="vertical" size={0} style={{ width: '100%' }}>
        <Space size={6}>
          {done ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <HomeOutlined />}
          <Typography.Text strong>{v.householdName}</Typography.Text>
          <DoorReasonTag reason={v.reason} />
        </Space>
        <Space size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>{v.location}</Typography.Text>
          <Typography.Text type={done ? 'success' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {t('sampler.doorSampled', { sampled: v.sampled, members: v.members })}
          </Typography.Text>
        </Space>
      </Space>
    </List.Item>
  );
}

export function DoorVisitList({ roundId, siteId }: { roundId: number; siteId: number }) {
  const { t } = useI18n();
  const q = useQuery({ ...doorVisitsQuery(roundId, siteId), meta: { silent: true } });
  const items = q.data?.items ?? [];
  return (
    <CollapsedList<DoorVisitView>
      testId="door-visits"
      label={t('sampler.doorVisits', { n: items.length })}
      loading={q.isPending && q.fetchStatus !== 'paused'}
      items={items}
      emptyText={t('sampler.noDoorVisits')}
      renderItem={(v) => <DoorVisitRow v={v} />}
    />
  );
}
