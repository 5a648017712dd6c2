// Where the sampler works: an open round and one of its sites (fixed site or door team). The choice
// is remembered on the device; once made it folds into one line with a "change" button.
import { EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { SiteModeTag } from '../screening/site-tags.tsx';
import { openRoundsQuery, sitesQuery } from './sampler-api.ts';
import type { RoundView, SamplerSetup, SiteView } from './sampler-types.ts';

const setupOf = (r: RoundView, s: SiteView): SamplerSetup => ({
  roundId: r.id, roundName: r.name, modes: r.modes, siteId: s.id, siteCode: s.code, siteName: s.name, siteMode: s.siteMode,
});

export function SetupCard({ setup, onChange }: { setup: SamplerSetup | null; onChange: (s: SamplerSetup) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(!setup);
  const [roundId, setRoundId] = useState<number | undefined>(setup?.roundId);
  const rounds = useQuery({ ...openRoundsQuery(), meta: { silent: true } });
  const sites = useQuery({ ...sitesQuery(roundId ?? 0), enabled: !!roundId && editing, meta: { silent: true } });
  const offline = rounds.fetchStatus === 'paused' || (rounds.isError && !rounds.data);
  const gone = !!setup && !!rounds.data && !rounds.data.some((r) => r.id === setup.roundId);

  if (setup && !editing) {
    return (
      <Card size="small" data-testid="setup-summary" data-round-id={setup.roundId} data-site-code={setup.siteCode}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <EnvironmentOutlined style={{ fontSize: 18, color: '#c0392b' }} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong ellipsis style={{ display: 'block' }}>{setup.roundName}</Typography.Text>
            <Space size={4}>
              <SiteModeTag siteMode={setup.siteMode} />
              <Typography.Text ellipsis style={{ maxWidth: 200 }}>{setup.siteName}</Typography.Text>
            </Space>
          </div>
          <Button onClick={() => setEditing(true)} data-testid="setup-change">{t('sampler.change')}</Button>
        </div>
        {gone && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('sampler.roundClosedNow')} />}
      </Card>
    );
  }

  const round = rounds.data?.find((r) => r.id === roundId);
  return (
    <Card size="small" title={t('sampler.chooseRound')} data-testid="setup-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        {offline && <Alert type="warning" showIcon message={t('sampler.setupOffline')} />}
        <Select<number>
          size="large"
          style={{ width: '100%' }}
          placeholder={t('sampler.round')}
          loading={rounds.isPending && !offline}
          value={round ? roundId : undefined}
          onChange={setRoundId}
          notFoundContent={t('sampler.noOpenRounds')}
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          data-testid="setup-round"
        />
        {round && (
          <Select<number>
            size="large"
            style={{ width: '100%' }}
            placeholder={t('sampler.chooseSite')}
            loading={sites.isPending}
            value={setup && setup.roundId === round.id ? setup.siteId : undefined}
            notFoundContent={t('sampler.noSites')}
            onChange={(id) => {
              const site = sites.data?.items.find((s) => s.id === id);
              if (!site) return;
              onChange(setupOf(round, site));
              setEditing(false);
            }}
            options={(sites.data?.items ?? []).map((s) => ({
              value: s.id,
              label: (
                <span data-testid="setup-site-option" data-site-mode={s.siteMode} data-site-code={s.code}>
                  <SiteModeTag siteMode={s.siteMode} />
                  {s.name}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>{s.placeName}</Typography.Text>
                </span>
              ),
            }))}
            data-testid="setup-site"
          />
        )}
        {setup && (
          <Button block onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
