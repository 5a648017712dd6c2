// The round at a glance: expected, sampled, coverage, tubes and results, positive pools, members
// controlled, retests done and unmatched results.
import { Card, Statistic } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoundStatusView } from './screening-api.ts';
import { percentOf } from './screening-format.ts';

interface Figure {
  key: string;
  title: string;
  value: number | string;
  suffix?: string;
  /** The whole the figure is a part of, on a line of its own under it (a narrow card has no room beside it). */
  of?: number;
  color?: string;
}

export function RoundStatusCards({ s }: { s: RoundStatusView }) {
  const { t } = useI18n();
  const figures: Figure[] = [
    { key: 'expected', title: t('screening.expected'), value: s.expected },
    { key: 'sampled', title: t('screening.sampled'), value: s.sampled },
    { key: 'coverage', title: t('screening.coverage'), value: s.coverage === null ? '—' : percentOf(s.coverage), suffix: s.coverage === null ? undefined : '%' },
    { key: 'tubes', title: t('screening.tubes'), value: s.tubes },
    { key: 'tubesWithResult', title: t('screening.tubesWithResult'), value: s.tubesWithResult, of: s.tubes },
    { key: 'positivePools', title: t('screening.positivePools'), value: s.positivePools, color: s.positivePools ? '#cf1322' : undefined },
    { key: 'membersControlled', title: t('screening.membersControlled'), value: s.membersControlled, color: s.membersControlled ? '#d46b08' : undefined },
    { key: 'retests', title: t('screening.retestsDone'), value: s.retestsDone, of: s.retestTasks },
    { key: 'unmatched', title: t('screening.unmatchedResults'), value: s.unmatchedResults, color: s.unmatchedResults ? '#d46b08' : undefined },
  ];
  return (
    <div data-testid="round-status-cards" style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(108px, 1fr))' }}>
      {figures.map((f) => (
        <Card key={f.key} size="small" data-testid={`status-${f.key}`} data-value={typeof f.value === 'number' ? f.value : ''} styles={{ body: { padding: '10px 12px' } }}>
          <Statistic title={f.title} value={f.value} suffix={f.suffix} valueStyle={{ fontSize: 22, ...(f.color ? { color: f.color } : {}) }} />
          {f.of !== undefined && <div style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.45)' }}>{t('screening.ofTotal', { n: f.of.toLocaleString() })}</div>}
        </Card>
      ))}
    </div>
  );
}
