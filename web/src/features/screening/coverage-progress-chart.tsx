// Progress by area: sampled against expected for each child of the chosen place (bars over bars);
// a bar opens that child.
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { coverageColor } from './coverage-color.ts';
import type { CoverageRow } from './screening-api.ts';
import { percentText } from './screening-format.ts';

const SHOWN = 40;
/** The coverage map beside the chart has this height too. */
export const CHART_HEIGHT = 340;

export function CoverageProgressChart({ items, onPick }: { items: CoverageRow[]; onPick?: (c: CoverageRow) => void }) {
  const { t } = useI18n();
  const shown = useMemo(() => items.slice(0, SHOWN), [items]);
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const c = shown[i];
          if (!c) return '';
          return `<b>${c.name}</b><br/>${t('screening.sampled')}: ${c.sampled}<br/>${t('screening.expected')}: ${c.expected}<br/>${t('screening.missing')}: ${c.missing}<br/>${t('screening.coverage')}: ${percentText(c.rate)}`;
        },
      },
      legend: { top: 0, data: [t('screening.expected'), { name: t('screening.sampled'), itemStyle: { color: coverageColor(0.6) } }] },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((c) => c.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        {
          name: t('screening.expected'),
          type: 'bar',
          barWidth: 16,
          data: shown.map((c) => c.expected),
          itemStyle: { color: '#e8e8e8' },
          z: 1,
          // The rate sits at the end of the whole (expected) bar, where it does not cover the sampled one.
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => percentText(shown[p.dataIndex]?.rate), color: '#595959' },
        },
        {
          name: t('screening.sampled'),
          type: 'bar',
          barWidth: 16,
          barGap: '-100%',
          z: 2,
          data: shown.map((c) => ({ value: c.sampled, itemStyle: { color: coverageColor(c.rate) } })),
        },
      ],
    }),
    [shown, t],
  );
  return (
    <EChart
      testId="coverage-progress-chart"
      option={option}
      style={{ height: Math.max(CHART_HEIGHT, 60 + shown.length * 30) }}
      onClick={(p) => {
        const c = shown.find((x) => x.name === p.name) ?? shown[(p as { dataIndex?: number }).dataIndex ?? -1];
        if (c && onPick) onPick(c);
      }}
    />
  );
}
