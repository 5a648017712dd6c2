// Map of a place: its children's polygons (one colour each) and its facilities coloured by kind.
// Falls back to the children list when the children have no polygons (units, households…).
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { useMemo } from 'react';
import { FACILITY_KIND_LABELS, PLACE_KIND_LABELS, type FacilityKind } from '../../../../domain/places.ts';
import type { FacilitySummary, Id, MapFeature, PlaceMap as PlaceMapData } from '../../api/types.ts';
import { EChart, type EChartClick, type EChartsOption } from '../../components/echart.tsx';
import { useI18n, type DomainLabel, type Translate } from '../../i18n/i18n.tsx';
import { FACILITY_COLORS } from '../facilities/facility-colors.ts';
import { ChildrenList } from './children-list.tsx';
import { registerPlaceMap } from './place-map-registration.ts';
import { placeMapQuery } from './places-api.ts';

const REGION_COLORS = ['#f6bd60', '#84a59d', '#f28482', '#90be6d', '#a3c4f3', '#cdb4db', '#ffc8dd', '#bde0fe', '#d4a373', '#b5e48c'];

interface Labels {
  t: Translate;
  label: (l: DomainLabel | undefined, fallback?: string) => string;
}

function buildOption(mapName: string, data: PlaceMapData, byCode: Map<string, MapFeature>, l: Labels): EChartsOption {
  const regions = data.children.filter((c) => c.geometry);
  const facilities = data.facilities.filter((f) => f.lat != null && f.lng != null);
  const kinds = [...new Set(facilities.map((f) => f.kind))];
  const kindName = (k: FacilityKind) => l.label(FACILITY_KIND_LABELS[k], k);
  const regionTip = (code: string) => {
    const c = byCode.get(code);
    if (!c) return code;
    return `<b>${c.name}</b><br/>${l.t('places.code')}: ${c.code}<br/>${l.t('places.kind')}: ${l.label(PLACE_KIND_LABELS[c.kind], c.kind)}`;
  };
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const params = p as { componentType?: string; seriesType?: string; name: string; data?: { facility?: FacilitySummary } };
        const f = params.data?.facility;
        if (f) return `<b>${f.name}</b><br/>${l.t('facilities.code')}: ${f.code}<br/>${l.t('facilities.kind')}: ${kindName(f.kind)}`;
        return regionTip(params.name);
      },
    },
    legend: { bottom: 8, type: 'scroll', data: kinds.map(kindName) },
    geo: {
      map: mapName,
      roam: true,
      top: 16,
      bottom: 48,
      left: 16,
      right: 16,
      tooltip: { show: true },
      label: { show: true, fontSize: 12, color: '#333', formatter: (p: { name: string }) => byCode.get(p.name)?.name ?? p.name },
      itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
      emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffe58f' } },
      regions: regions.map((c, i) => ({ name: c.code, itemStyle: { areaColor: REGION_COLORS[i % REGION_COLORS.length] } })),
    },
    series: [
      { type: 'map', geoIndex: 0, name: l.t('places.tab.children'), data: regions.map((c) => ({ name: c.code, value: 1 })) },
      ...kinds.map((k) => ({
        type: 'scatter' as const,
        coordinateSystem: 'geo',
        name: kindName(k),
        symbolSize: 10,
        itemStyle: { color: FACILITY_COLORS[k], borderColor: '#fff', borderWidth: 1 },
        data: facilities.filter((f) => f.kind === k).map((f) => ({ name: f.name, value: [f.lng, f.lat], facility: f })),
      })),
    ],
  } as EChartsOption;
}

interface Props {
  placeId: Id;
  onSelectPlace: (id: Id) => void;
  onSelectFacility: (id: Id) => void;
}

export function PlaceMap({ placeId, onSelectPlace, onSelectFacility }: Props) {
  const { t, label } = useI18n();
  const q = useQuery(placeMapQuery(placeId));
  const data = q.data;

  const view = useMemo(() => {
    const map = data ? registerPlaceMap(placeId, data) : null;
    if (!data || !map) return null;
    return { byCode: map.byCode, option: buildOption(map.mapName, data, map.byCode, { t, label }) };
  }, [data, placeId, t, label]);

  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.isError) return <Alert type="error" message={t('common.loadFailed')} />;
  if (!view) {
    return (
      <>
        <Alert type="info" showIcon message={t('map.noPolygons')} style={{ marginBottom: 12 }} />
        <ChildrenList placeId={placeId} onSelect={onSelectPlace} />
      </>
    );
  }
  const onClick: EChartClick = (p) => {
    const facility = (p.data as { facility?: FacilitySummary } | undefined)?.facility;
    if (facility) return onSelectFacility(facility.id);
    const child = p.name ? view.byCode.get(p.name) : undefined;
    if (child) onSelectPlace(child.id);
  };
  return <EChart option={view.option} onClick={onClick} testId="place-map" style={{ height: 520 }} />;
}
