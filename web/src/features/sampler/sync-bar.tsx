// Always on screen: online or offline, how many registrations wait on this device, the last good
// sync, and "sync now". Below it the reason the last pass stopped, when it did.
import { CloudOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { rejectionText } from './rejection-text.ts';
import type { SyncStatus } from './use-sync-loop.ts';

const clock = (iso: string | number) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

export function SyncBar({ sync, queued, rejected, volatile }: { sync: SyncStatus; queued: number; rejected: number; volatile: boolean }) {
  const { t } = useI18n();
  const stopped = sync.report && sync.report.outcome !== 'done' && sync.report.outcome !== 'idle' ? sync.report : null;
  return (
    <div
      style={{ position: 'sticky', top: 52, zIndex: 9, background: '#fff', borderBottom: '1px solid #f0f0f0', padding: '8px 12px' }}
      data-testid="sync-bar"
      data-online={sync.online}
      data-queued={queued}
      data-rejected={rejected}
      data-syncing={sync.syncing}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Space size={4} wrap style={{ flex: 1, minWidth: 0 }}>
          {sync.online ? (
            <Tag icon={<CloudOutlined />} color="success" data-testid="sync-online">{t('sampler.online')}</Tag>
          ) : (
            <Tag icon={<DisconnectOutlined />} color="default" data-testid="sync-offline">{t('sampler.offline')}</Tag>
          )}
          <Tag color={queued ? 'orange' : 'default'} data-testid="sync-queued">{t('sampler.queued', { n: queued })}</Tag>
          {rejected > 0 && <Tag color="red" data-testid="sync-rejected">{t('sampler.rejectedCount', { n: rejected })}</Tag>}
        </Space>
        <Button type="primary" ghost icon={<SyncOutlined spin={sync.syncing} />} onClick={sync.syncNow} disabled={sync.syncing} data-testid="sync-now">
          {t('sampler.syncNow')}
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sync-last">
        {sync.lastSyncAt ? t('sampler.lastSync', { time: clock(sync.lastSyncAt) }) : t('sampler.neverSynced')}
        {sync.retryAt && queued > 0 ? ` · ${t('sampler.retryAt', { time: clock(sync.retryAt) })}` : ''}
      </Typography.Text>
      {!sync.online && <Alert type="info" showIcon banner message={t('sampler.offlineMode')} style={{ marginTop: 6 }} data-testid="offline-banner" />}
      {volatile && <Alert type="error" showIcon banner message={t('sampler.volatile')} style={{ marginTop: 6 }} />}
      {stopped?.outcome === 'auth' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 6 }}
          message={t('sampler.sessionExpired')}
          action={<Link to={`/login?next=${encodeURIComponent('/sampler')}`}><Button size="small">{t('sampler.signInAgain')}</Button></Link>}
          data-testid="sync-auth"
        />
      )}
      {stopped && stopped.outcome !== 'auth' && sync.online && queued > 0 && stopped.error && (
        <Alert type="warning" showIcon banner style={{ marginTop: 6 }} message={t('sampler.syncFailed', { error: rejectionText(stopped.error, t) })} data-testid="sync-error" />
      )}
    </div>
  );
}
