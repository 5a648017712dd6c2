// Turnaround (collected → reported) per lab or per site: P50 and P90 hours against the target.
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TurnaroundRowView } from './screening-api.ts';
import { hoursText } from './screening-format.ts';

export function TurnaroundChart({ rows, targetHours, testId }: { rows: TurnaroundRowView[]; targetHours: number; testId?: string }) {
  const { t } = useI18n();
  const shown = useMemo(() => rows.slice(0, 30), [rows]);
  const option = useMemo<EChartsOption>(() => {
    const over = (h: number | null) => h !== null && h > targetHours;
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const r = shown[(ps as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          if (!r) return '';
          return `<b>${r.name}</b><br/>${t('screening.tubes')}: ${r.tubes}<br/>P50: ${hoursText(r.total.p50)}<br/>P90: ${hoursText(r.total.p90)}<br/>${t('screening.overdue')}: ${r.overdue}`;
        },
      },
      legend: { top: 0, data: ['P50', 'P90'] },
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'h', min: 0, minInterval: 0.5 },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => (r.id === null ? t('screening.notReceived') : r.name)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { name: 'P50', type: 'bar', data: shown.map((r) => r.total.p50 ?? 0), itemStyle: { color: '#2f7ed8' } },
        {
          name: 'P90',
          type: 'bar',
          itemStyle: { color: '#91caff' },
          data: shown.map((r) => ({ value: r.total.p90 ?? 0, itemStyle: { color: over(r.total.p90) ? '#cf1322' : '#91caff' } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => (p.value ? `${Math.round(p.value * 10) / 10}` : '') },
        },
      ],
    };
  }, [shown, targetHours, t]);
  return <EChart testId={testId} option={option} style={{ height: Math.max(160, 60 + shown.length * 40) }} />;
}
