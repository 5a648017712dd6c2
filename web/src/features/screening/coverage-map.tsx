// The children of the chosen place on the map (GET /api/places/:id/map), coloured by the round's
// coverage rate; a region opens that child. Nothing is drawn when the children have no polygons.
import { useQuery } from '@tanstack/react-query';
import { Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import type { Id } from '../../api/types.ts';
import { EChart, type EChartsOption } from '../../components/echart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { registerPlaceMap } from '../places/place-map-registration.ts';
import { placeMapQuery } from '../places/places-api.ts';
import { COVERAGE_GRADIENT, coverageColor } from './coverage-color.ts';
import { CHART_HEIGHT } from './coverage-progress-chart.tsx';
import type { CoverageRow } from './screening-api.ts';
import { percentText } from './screening-format.ts';

interface Props {
  placeId: Id;
  items: CoverageRow[];
  onPick?: (c: CoverageRow) => void;
}

export function CoverageMap({ placeId, items, onPick }: Props) {
  const { t } = useI18n();
  const q = useQuery(placeMapQuery(placeId));
  const byCode = useMemo(() => new Map(items.map((c) => [c.code, c])), [items]);
  const view = useMemo(() => {
    const map = q.data ? registerPlaceMap(placeId, q.data) : null;
    if (!map) return null;
    const option: EChartsOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const c = byCode.get((p as { name: string }).name);
          if (!c) return map.byCode.get((p as { name: string }).name)?.name ?? '';
          return `<b>${c.name}</b><br/>${t('screening.sampled')}: ${c.sampled}/${c.expected}<br/>${t('screening.coverage')}: ${percentText(c.rate)}`;
        },
      },
      series: [
        {
          type: 'map',
          map: map.mapName,
          roam: true,
          top: 8,
          bottom: 8,
          left: 8,
          right: 8,
          selectedMode: false,
          label: {
            show: true,
            fontSize: 12,
            color: '#1f1f1f',
            // A light box keeps the label readable on red and on green alike.
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [2, 4],
            borderRadius: 3,
            lineHeight: 15,
            formatter: (p: { name: string }) => {
              const c = byCode.get(p.name);
              return c ? `${c.name}\n${percentText(c.rate)}` : (map.byCode.get(p.name)?.name ?? '');
            },
          },
          itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
          emphasis: { label: { fontWeight: 'bold' }, itemStyle: { areaColor: '#ffe58f' } },
          data: map.regions.map((r) => ({ name: r.code, itemStyle: { areaColor: coverageColor(byCode.get(r.code)?.rate) } })),
        },
      ],
    } as EChartsOption;
    return option;
  }, [q.data, placeId, byCode, t]);

  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!view) return <Typography.Text type="secondary">{t('screening.noMap')}</Typography.Text>;
  return (
    <div data-testid="coverage-map">
      <EChart
        option={view}
        style={{ height: CHART_HEIGHT - 24 }}
        onClick={(p) => {
          const c = p.name ? byCode.get(p.name) : undefined;
          if (c && onPick) onPick(c);
        }}
      />
      <Space size={8} style={{ width: '100%', justifyContent: 'center' }}>
        <Typography.Text type="secondary">0%</Typography.Text>
        <div style={{ width: 160, height: 10, borderRadius: 5, background: COVERAGE_GRADIENT }} />
        <Typography.Text type="secondary">100%</Typography.Text>
      </Space>
    </div>
  );
}
