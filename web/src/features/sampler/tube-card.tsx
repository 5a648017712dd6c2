// One tube: code, kind and fill (n/capacity), one line per person — masked name and ID when the
// server answered, "queued" while waiting on this device — and, for the tube being filled, "seal".
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Card, List, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { SAMPLING_MODE_LABELS } from '../../../../domain/screening.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { rejectionText } from './rejection-text.ts';
import type { TubeFill, TubeSlot } from './tube-fill.ts';

function SlotState({ slot }: { slot: TubeSlot }) {
  const { t } = useI18n();
  if (slot.state === 'sent') return <Tag icon={<CheckCircleOutlined />} color="success">{t('sampler.slotSent')}</Tag>;
  if (slot.state === 'queued') return <Tag icon={<ClockCircleOutlined />} color="orange">{t('sampler.slotQueued')}</Tag>;
  return <Tag icon={<CloseCircleOutlined />} color="error">{t('sampler.slotRejected')}</Tag>;
}

function SlotRow({ slot, capacity }: { slot: TubeSlot; capacity: number }) {
  const { t } = useI18n();
  const rejected = slot.state === 'rejected';
  return (
    <List.Item style={{ padding: '6px 0' }} data-testid="tube-slot" data-state={slot.state} data-slot={slot.slot}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, width: '100%' }}>
        <Typography.Text type="secondary" style={{ width: 44, fontFamily: 'monospace', flex: 'none' }}>
          {rejected ? '—' : `${slot.slot}/${capacity}`}
        </Typography.Text>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={!!slot.name} delete={rejected} style={{ display: 'block' }} ellipsis>
            {slot.name ?? (slot.healthCode ? t('sampler.healthCode') : slot.idNumber)}
          </Typography.Text>
          {slot.name && <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{slot.idNumber}</Typography.Text>}
          {slot.repeat && <Tag color="gold" style={{ marginInlineStart: 4 }}>{t('sampler.repeat')}</Tag>}
          {slot.sealAfter && !rejected && <Tag icon={<LockOutlined />} style={{ marginInlineStart: 4 }}>{t('sampler.sealAfter')}</Tag>}
          {rejected && slot.rejection && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{rejectionText(slot.rejection, t)}</Typography.Text>}
        </div>
        <SlotState slot={slot} />
      </div>
    </List.Item>
  );
}

function TubeStatus({ fill }: { fill: TubeFill }) {
  const { t } = useI18n();
  const { tube } = fill;
  if (tube.seal === 'pending') return <Tag color="orange" icon={<LockOutlined />} data-testid="tube-status" data-status="seal-pending">{t('sampler.sealPending')}</Tag>;
  if (tube.server?.sealed || tube.seal === 'done') return <Tag color="default" icon={<LockOutlined />} data-testid="tube-status" data-status="sealed">{t('sampler.sealed')}</Tag>;
  if (fill.full) return <Tag color="blue" data-testid="tube-status" data-status="full">{t('sampler.full')}</Tag>;
  return <Tag color="green" data-testid="tube-status" data-status="filling">{t('sampler.filling')}</Tag>;
}

export function TubeCard({ fill, current, onSeal }: { fill: TubeFill; current?: boolean; onSeal?: () => void }) {
  const { t, label } = useI18n();
  const { tube } = fill;
  const canSeal = current && onSeal && fill.used > 0 && !fill.closed;
  return (
    <Card
      size="small"
      style={current ? { borderColor: '#c0392b', borderWidth: 2 } : undefined}
      data-testid={current ? 'current-tube' : 'recent-tube'}
      data-code={tube.code}
      data-used={fill.used}
      data-capacity={fill.capacity}
      data-queued={fill.queued}
      title={
        <Space size={6} wrap>
          <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 16 }}>{tube.code}</Typography.Text>
          <Tag color="volcano">{label(SAMPLING_MODE_LABELS[tube.mode], tube.mode)}</Tag>
        </Space>
      }
      extra={<TubeStatus fill={fill} />}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Progress percent={Math.round((fill.used / fill.capacity) * 100)} showInfo={false} strokeColor="#c0392b" style={{ flex: 1, margin: 0 }} />
        <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }} data-testid="tube-fill">
          {t('sampler.tubeFill', { used: fill.used, capacity: fill.capacity })}
        </Typography.Text>
      </div>
      {fill.slots.length === 0 ? (
        <Typography.Text type="secondary">{t('sampler.emptyTube')}</Typography.Text>
      ) : (
        <List<TubeSlot> size="small" dataSource={fill.slots} rowKey="clientId" renderItem={(s) => <SlotRow slot={s} capacity={fill.capacity} />} />
      )}
      {tube.seal === 'failed' && tube.sealRejection && (
        <Typography.Text type="danger">{t('sampler.sealFailed', { error: rejectionText(tube.sealRejection, t) })}</Typography.Text>
      )}
      {canSeal && (
        <Popconfirm title={t('sampler.sealConfirm', { used: fill.used, capacity: fill.capacity })} onConfirm={onSeal} okButtonProps={{ 'data-testid': 'seal-confirm' }}>
          <Button block size="large" icon={<LockOutlined />} style={{ marginTop: 8, height: 48 }} data-testid="seal-tube">
            {t('sampler.seal')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}
