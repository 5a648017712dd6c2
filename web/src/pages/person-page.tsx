// /persons/:personId — facts, household members, audit history; unmask (audited) and edit.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Space, Spin } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useCan } from '../features/auth/use-auth.ts';
import { PersonFacts } from '../features/persons/person-facts.tsx';
import type { SavedState } from '../features/persons/person-form-modal.tsx';
import { PersonFormModal } from '../features/persons/person-form-modal.tsx';
import { PersonHistory } from '../features/persons/person-history.tsx';
import { PersonHousehold } from '../features/persons/person-household.tsx';
import { personKeys, personQuery } from '../features/persons/persons-api.ts';
import { UnmaskButton } from '../features/persons/unmask-button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function PersonPage() {
  const id = Number(useParams().personId);
  // A new person starts masked again: the unmask state must not carry over to a household member.
  return <PersonView key={id} id={id} />;
}

function PersonView({ id }: { id: number }) {
  const { t } = useI18n();
  const saved = (useLocation().state as SavedState | null)?.saved;
  const qc = useQueryClient();
  const canWrite = useCan('persons.write');
  const [unmask, setUnmask] = useState(false);
  const [editing, setEditing] = useState(false);
  const masked = useQuery(personQuery(id, false));
  const full = useQuery({ ...personQuery(id, true), enabled: unmask });
  const person = (unmask && full.data) || masked.data;

  const toggleUnmask = (u: boolean) => {
    setUnmask(u);
    if (u) return;
    // The unmask is now in the history: the masked copy is refreshed to show it.
    qc.removeQueries({ queryKey: personKeys.detail(id, true) });
    void qc.invalidateQueries({ queryKey: personKeys.detail(id, false) });
  };

  if (masked.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!person) return <Result status="warning" title={errorText(masked.error, t)} extra={<Link to="/persons">{t('persons.back')}</Link>} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="person-page">
      {saved && <Alert type={saved === 'created' ? 'success' : 'info'} showIcon message={t(saved === 'created' ? 'persons.savedCreated' : 'persons.savedUpdated')} />}
      {unmask && full.error && <Alert type="error" showIcon message={errorText(full.error, t)} />}
      {unmask && full.data && <Alert type="warning" showIcon message={t('persons.unmasked')} data-testid="person-unmasked" />}
      <Card
        title={
          <Space>
            <Link to="/persons" aria-label={t('persons.back')}>
              <ArrowLeftOutlined />
            </Link>
            {person.name}
          </Space>
        }
        extra={
          <Space wrap>
            <UnmaskButton unmasked={unmask && !!full.data} loading={unmask && full.isFetching} onChange={toggleUnmask} />
            {canWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
                {t('persons.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <PersonFacts person={person} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('persons.members')}>
            <PersonHousehold members={person.household} selfId={person.id} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('persons.history')}>
            <PersonHistory items={person.history} />
          </Card>
        </Col>
      </Row>
      {canWrite && <PersonFormModal open={editing} onClose={() => setEditing(false)} person={person} onSaved={() => toggleUnmask(false)} />}
    </Space>
  );
}
