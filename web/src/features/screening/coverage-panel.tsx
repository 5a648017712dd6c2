// Coverage of a round, drilled down from the caller's starting place (the round's place, or a grid
// worker's own grid): progress chart and coverage map of the children, the children table, and the
// missing list of the chosen place. The chosen place is kept in the URL (?place=).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Grid, Row, Select, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { PlaceKind } from '../../../../domain/places.ts';
import type { Id, PlaceRef } from '../../api/types.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from '../places/place-kind-tag.tsx';
import { CoverageBreadcrumb } from './coverage-breadcrumb.tsx';
import { canDrillInto } from './coverage-drill.ts';
import { CoverageDrillTable } from './coverage-drill-table.tsx';
import { CoverageMap } from './coverage-map.tsx';
import { CoverageProgress } from './coverage-progress.tsx';
import { CoverageProgressChart } from './coverage-progress-chart.tsx';
import { MissingList } from './missing-list.tsx';
import { roundCoverageQuery, type CoverageRow } from './screening-api.ts';
import { percentText } from './screening-format.ts';

export function CoveragePanel({ roundId, starts }: { roundId: Id; starts: PlaceRef[] }) {
  const { t } = useI18n();
  const desk = !!Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const placeId = Number(params.get('place')) || starts[0]?.id;
  const setPlace = (id: Id) =>
    setParams((p) => {
      p.set('place', String(id));
      return p;
    });
  const q = useQuery({ ...roundCoverageQuery(roundId, placeId ?? 0), enabled: !!placeId });
  const cov = q.data?.place.id === placeId ? q.data : undefined;
  const pick = (c: CoverageRow) => canDrillInto(c.kind) && setPlace(c.id);

  if (!placeId) return <Alert type="info" showIcon message={t('screening.noCoverageScope')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="coverage-panel" data-place-id={placeId}>
      {(starts.length > 1 || !starts.some((s) => s.id === placeId)) && (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <CoverageBreadcrumb placeId={placeId} starts={starts} onPick={setPlace} />
          {starts.length > 1 && (
            <Select
              size="small"
              style={{ minWidth: 180 }}
              value={starts.some((s) => s.id === placeId) ? placeId : undefined}
              placeholder={t('screening.chooseArea')}
              options={starts.map((s) => ({ value: s.id, label: s.name }))}
              onChange={setPlace}
            />
          )}
        </Space>
      )}
      {q.isError && <Alert type="error" showIcon message={errorText(q.error, t)} />}
      {!cov ? (
        !q.isError && <Spin style={{ display: 'block', margin: 24 }} />
      ) : (
        <>
          <Card size="small" data-testid="coverage-summary" data-sampled={cov.place.sampled} data-expected={cov.place.expected}>
            <Space wrap size={[24, 8]}>
              <Space size={6}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {cov.place.name}
                </Typography.Text>
                <PlaceKindTag kind={cov.place.kind as PlaceKind} />
              </Space>
              <CoverageProgress sampled={cov.place.sampled} expected={cov.place.expected} rate={cov.place.rate} width={desk ? 200 : 140} />
              <Typography.Text>
                {t('screening.coverage')} <Typography.Text strong>{percentText(cov.place.rate)}</Typography.Text>
              </Typography.Text>
              <Typography.Text>
                {t('screening.missing')} <Typography.Text strong type={cov.place.missing ? 'danger' : undefined}>{cov.place.missing}</Typography.Text>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('screening.exempt')} {cov.place.exempt}
              </Typography.Text>
            </Space>
          </Card>
          {desk && cov.children.length > 0 && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={13}>
                <Card size="small" title={t('screening.progressByArea')}>
                  <CoverageProgressChart items={cov.children} onPick={pick} />
                </Card>
              </Col>
              <Col xs={24} xl={11}>
                <Card size="small" title={t('screening.coverageMap')}>
                  <CoverageMap placeId={placeId} items={cov.children} onPick={pick} />
                </Card>
              </Col>
            </Row>
          )}
          {cov.children.length > 0 && <CoverageDrillTable items={cov.children} onPick={pick} compact={!desk} />}
          <MissingList roundId={roundId} placeId={placeId} placeName={cov.place.name} />
        </>
      )}
    </Space>
  );
}
