// /screening/:roundId — the command page of a round: status cards and time against the deadline;
// tabs for coverage (drill-down, charts, map, missing list), the schedule (sites, time slots, door
// visits), turnaround, positive pools, retests and findings. A grid worker's drill-down starts at
// their own grid.
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { CoveragePanel } from '../features/screening/coverage-panel.tsx';
import { FindingsTable } from '../features/screening/findings-table.tsx';
import { PositivePoolsTable } from '../features/screening/positive-pools-table.tsx';
import { RetestsTable } from '../features/screening/retests-table.tsx';
import { RoundHeader } from '../features/screening/round-header.tsx';
import { RoundStatusCards } from '../features/screening/round-status-cards.tsx';
import { SchedulePanel } from '../features/screening/schedule-panel.tsx';
import { roundQuery, roundStatusQuery } from '../features/screening/screening-api.ts';
import { TubeDrawer } from '../features/screening/tube-drawer.tsx';
import { TurnaroundPanel } from '../features/screening/turnaround-panel.tsx';
import { useCoverageStarts } from '../features/screening/use-coverage-starts.ts';
import { errorText } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

const TABS = ['coverage', 'schedule', 'turnaround', 'pools', 'retests', 'findings'] as const;
type TabKey = (typeof TABS)[number];

export function ScreeningRoundPage() {
  const { t } = useI18n();
  const roundId = Number(useParams().roundId);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'coverage';
  const round = useQuery(roundQuery(roundId));
  const status = useQuery(roundStatusQuery(roundId));
  const starts = useCoverageStarts(round.data);
  const [tube, setTube] = useState<string | null>(null);

  if (round.isError) {
    const notFound = round.error instanceof ApiError && round.error.status === 404;
    return <Alert type="error" showIcon message={notFound ? t('error.ROUND_NOT_FOUND') : errorText(round.error, t)} />;
  }
  if (!round.data || !status.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const s = status.data;
  const count = (n: number) => (n > 0 ? ` (${n})` : '');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-round-page" data-round-id={roundId}>
      <Breadcrumb items={[{ key: 'rounds', title: <Link to="/screening">{t('screening.rounds')}</Link> }, { key: 'round', title: round.data.name }]} />
      <RoundHeader round={round.data} status={s} />
      <RoundStatusCards s={s} />
      <Tabs
        activeKey={tab}
        data-testid="round-tabs"
        onChange={(k) =>
          setParams((p) => {
            p.set('tab', k);
            return p;
          })
        }
        items={[
          { key: 'coverage', label: t('screening.tab.coverage'), children: starts ? <CoveragePanel roundId={roundId} starts={starts} /> : <Spin /> },
          { key: 'schedule', label: t('screening.tab.schedule'), children: <SchedulePanel roundId={roundId} /> },
          { key: 'turnaround', label: t('screening.tab.turnaround'), children: <TurnaroundPanel roundId={roundId} /> },
          { key: 'pools', label: `${t('screening.tab.pools')}${count(s.positivePools)}`, children: <PositivePoolsTable roundId={roundId} onTube={setTube} /> },
          { key: 'retests', label: `${t('screening.tab.retests')}${count(s.retestTasks)}`, children: <RetestsTable roundId={roundId} onTube={setTube} /> },
          { key: 'findings', label: `${t('screening.tab.findings')}${count(s.positiveSingles)}`, children: <FindingsTable roundId={roundId} onTube={setTube} /> },
        ]}
        destroyOnHidden
      />
      <TubeDrawer code={tube} onClose={() => setTube(null)} />
    </Space>
  );
}
