// /census — 我的网格: the caller's scope roots with their coverage in the current campaign.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { CampaignBar } from '../features/census/campaign-bar.tsx';
import { coverageQuery } from '../features/census/census-api.ts';
import { CoverageCard } from '../features/census/coverage-cards.tsx';
import { rootsQuery } from '../features/places/places-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CensusPage() {
  const { t } = useI18n();
  const roots = useQuery(rootsQuery());
  const coverages = useQueries({ queries: (roots.data?.items ?? []).map((r) => coverageQuery(r.id)) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="census-page">
      <Card size="small">
        <CampaignBar />
      </Card>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('census.myGrids')}
      </Typography.Title>
      {roots.isPending || coverages.some((c) => c.isPending) ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : roots.data?.items.length ? (
        <Row gutter={[12, 12]}>
          {coverages.map((c) =>
            c.data ? (
              <Col key={c.data.place.id} xs={24} md={12} xl={8}>
                <CoverageCard c={c.data.place} to={`/census/${c.data.place.id}`} />
              </Col>
            ) : null,
          )}
        </Row>
      ) : (
        <Empty description={t('places.empty')} />
      )}
    </Space>
  );
}
