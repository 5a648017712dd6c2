// /census/:placeId — coverage of a place and its children (cards on a phone, table and chart on a
// desk), or the households under it (at a unit, or on request) to knock on.
import { useQuery } from '@tanstack/react-query';
import { Card, Grid, Segmented, Space, Spin } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CoverageCounts } from '../api/types.ts';
import { CampaignBar } from '../features/census/campaign-bar.tsx';
import { coverageQuery } from '../features/census/census-api.ts';
import { CensusBreadcrumb } from '../features/census/census-breadcrumb.tsx';
import { CoverageBars } from '../features/census/coverage-bars.tsx';
import { CoverageCards } from '../features/census/coverage-cards.tsx';
import { CoverageChart } from '../features/census/coverage-chart.tsx';
import { CoverageTable } from '../features/census/coverage-table.tsx';
import { HouseholdsList } from '../features/census/households-list.tsx';
import { PlaceKindTag } from '../features/places/place-kind-tag.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function CensusPlacePage() {
  const { t } = useI18n();
  const placeId = Number(useParams().placeId);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const desk = !!Grid.useBreakpoint().md;
  const q = useQuery(coverageQuery(placeId));
  const cov = q.data;
  const atHouseholds = !!cov && cov.children.length > 0 && cov.children.every((c) => c.kind === 'household');
  const view = atHouseholds || params.get('view') === 'households' ? 'households' : 'children';
  const onlyUnvisited = params.get('unvisited') === '1';
  const setParam = (k: string, v: string | null) =>
    setParams((p) => {
      if (v === null) p.delete(k);
      else p.set(k, v);
      return p;
    }, { replace: true });
  const linkOf = (c: CoverageCounts) => (c.kind === 'household' ? `/census/${placeId}/household/${c.id}` : `/census/${c.id}`);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="census-place-page">
      <CensusBreadcrumb placeId={placeId} />
      {!cov ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : (
        <>
          <Card
            size="small"
            data-testid="census-place-summary"
            title={
              <Space size={6}>
                {cov.place.name}
                <PlaceKindTag kind={cov.place.kind} />
              </Space>
            }
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              <CoverageBars c={cov.place} />
              <CampaignBar />
            </Space>
          </Card>
          {!atHouseholds && (
            <Segmented
              block={!desk}
              value={view}
              onChange={(v) => setParam('view', v === 'households' ? 'households' : null)}
              options={[
                { value: 'children', label: t('census.children') },
                { value: 'households', label: t('census.householdList') },
              ]}
            />
          )}
          {view === 'households' ? (
            <HouseholdsList placeId={placeId} since={cov.since} onlyUnvisited={onlyUnvisited} onOnlyUnvisited={(v) => setParam('unvisited', v ? '1' : null)} />
          ) : desk ? (
            <Card size="small">
              {cov.children.length > 1 && <CoverageChart items={cov.children} onPick={(c) => navigate(linkOf(c))} />}
              <CoverageTable items={cov.children} linkOf={linkOf} />
            </Card>
          ) : (
            <CoverageCards items={cov.children} linkOf={linkOf} />
          )}
        </>
      )}
    </Space>
  );
}
