// Coverage by child as a horizontal bar chart (households and people, in percent).
import { useMemo } from 'react';
import type { CoverageCounts } from '../../api/types.ts';
import { EChart, type EChartsOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);

export function CoverageChart({ items, onPick }: { items: CoverageCounts[]; onPick: (c: CoverageCounts) => void }) {
  const { t } = useI18n();
  const shown = useMemo(() => items.slice(0, 40), [items]);
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: shown.map((c) => c.name) },
      series: [
        { name: t('census.householdsVisited'), type: 'bar', data: shown.map((c) => pct(c.householdRate)), itemStyle: { color: '#c0392b' } },
        { name: t('census.peopleConfirmed'), type: 'bar', data: shown.map((c) => pct(c.peopleRate)), itemStyle: { color: '#2f7ed8' } },
      ],
    }),
    [shown, t],
  );
  return (
    <EChart
      testId="coverage-chart"
      option={option}
      style={{ height: Math.max(200, 60 + shown.length * 36) }}
      onClick={(p) => {
        const c = shown.find((x) => x.name === p.name);
        if (c) onPick(c);
      }}
    />
  );
}
