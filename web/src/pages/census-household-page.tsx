// /census/:placeId/household/:householdId — the door: record a visit, then back to the list.
import { useQuery } from '@tanstack/react-query';
import { Card, Result, Space, Spin, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { householdQuery } from '../features/census/census-api.ts';
import { CensusBreadcrumb } from '../features/census/census-breadcrumb.tsx';
import { HouseholdVisits } from '../features/census/household-visits.tsx';
import { VisitForm } from '../features/census/visit-form.tsx';
import { useCan } from '../features/auth/use-auth.ts';
import { PersonHousehold } from '../features/persons/person-household.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CensusHouseholdPage() {
  const { t } = useI18n();
  const params = useParams();
  const placeId = Number(params.placeId);
  const householdId = Number(params.householdId);
  const navigate = useNavigate();
  const location = useLocation();
  const canWrite = useCan('census.write');
  const q = useQuery(householdQuery(householdId));
  const h = q.data;
  // Back to the list the worker came from (its filters intact), or to the place's list.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate(`/census/${placeId}`, { replace: true }));

  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!h) return <Result status="warning" title={errorText(q.error, t)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="census-household-page">
      <CensusBreadcrumb placeId={placeId} tail={h.name} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('census.householdTitle', { name: h.name })}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          {h.code}
        </Typography.Text>
      </Typography.Title>
      {canWrite ? (
        <VisitForm key={h.id} household={h} onSaved={back} />
      ) : (
        <Card size="small" title={t('census.membersTitle', { n: h.members.filter((m) => m.status === 'active').length })}>
          <PersonHousehold members={h.members} selfId={0} />
        </Card>
      )}
      <Card size="small" title={t('census.visits')}>
        <HouseholdVisits visits={h.visits} />
      </Card>
    </Space>
  );
}
