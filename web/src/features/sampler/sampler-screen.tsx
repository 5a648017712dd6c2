// The sampler's phone screen: where (round, site), the scan field, the tube being filled, what the
// server refused, and the last tubes; the sync status stays pinned at the top.
import { ExperimentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Card, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DoorVisitList } from './door-visit-list.tsx';
import { SlotList } from './slot-list.tsx';
import { ModePicker } from './mode-picker.tsx';
import { RejectedList } from './rejected-list.tsx';
import { samplerKeys } from './sampler-api.ts';
import { SamplerHeader } from './sampler-header.tsx';
import { ScanFeedback } from './scan-feedback.tsx';
import { ScanInput } from './scan-input.tsx';
import { SetupCard } from './setup-card.tsx';
import { isDoorTeam } from '../screening/site-tags.tsx';
import { SyncBar } from './sync-bar.tsx';
import { TubeCard } from './tube-card.tsx';
import { useSamplerStore } from './use-sampler-store.ts';
import { useSamplingSession } from './use-sampling-session.ts';
import { useSyncLoop } from './use-sync-loop.ts';

export function SamplerScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { store, snapshot, ready, volatile } = useSamplerStore(user.username);
  const sync = useSyncLoop(store, user.username);
  const session = useSamplingSession(user.username, store, snapshot, sync.kick);
  const { setup, current } = session;
  const queued = snapshot.queue.filter((q) => q.status === 'queued').length;
  const rejected = snapshot.queue.filter((q) => q.status === 'rejected');

  // New samples change the sites' and door visits' counts.
  const sentNow = sync.report?.sent ?? 0;
  useEffect(() => {
    if (sentNow > 0) void qc.invalidateQueries({ queryKey: samplerKeys.all });
  }, [sync.report, sentNow, qc]);

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }} data-testid="sampler-page" data-ready={ready}>
      <SamplerHeader user={user} />
      <SyncBar sync={sync} queued={queued} rejected={rejected.length} volatile={volatile} />
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 8 }}>
        {!ready ? (
          <Spin style={{ display: 'block', margin: 48 }} />
        ) : (
          <Space direction="vertical" size={10} style={{ width: '100%' }}>
            <SetupCard key={setup ? `${setup.roundId}:${setup.siteId}` : 'none'} setup={setup} onChange={session.chooseSetup} />
            {setup && (isDoorTeam(setup.siteMode) ? <DoorVisitList roundId={setup.roundId} siteId={setup.siteId} /> : <SlotList roundId={setup.roundId} siteId={setup.siteId} />)}
            {setup && session.mode && (
              <>
                <Card size="small" styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10 } }}>
                  {!current && <ModePicker value={session.mode} onChange={session.pickMode} />}
                  <ScanInput wantsPerson={!!current} disabled={!store} idType={session.idType} onIdType={session.setIdType} onScan={(text) => void session.scan(text)} />
                  <ScanFeedback feedback={session.feedback} />
                </Card>
                {current ? (
                  <TubeCard fill={current} current onSeal={() => void session.sealCurrent()} />
                ) : (
                  <Card size="small" data-testid="no-tube">
                    <Space>
                      <ExperimentOutlined style={{ fontSize: 20, color: '#c0392b' }} />
                      <Typography.Text type="secondary">{t('sampler.noTube')}</Typography.Text>
                    </Space>
                  </Card>
                )}
                <RejectedList items={rejected} onRemove={(id) => void session.remove(id)} />
                {session.recent.length > 0 && (
                  <>
                    <div>
                      <Typography.Title level={5} style={{ margin: '4px 0 0' }}>{t('sampler.recentTubes')}</Typography.Title>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sampler.resumeHint')}</Typography.Text>
                    </div>
                    {session.recent.map((f) => <TubeCard key={f.tube.code} fill={f} />)}
                  </>
                )}
              </>
            )}
          </Space>
        )}
      </main>
    </div>
  );
}
