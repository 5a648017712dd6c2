// One door knock: outcome, members seen or moved out, people added, then one tap to submit.
// The clientId is made once per attempt and kept after a failure, so a retry cannot count twice.
import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Input, Space } from 'antd';
import { useRef, useState } from 'react';
import type { CensusOutcome, HouseholdDetail, Id } from '../../api/types.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AddPersonForm, type AddedPerson } from './add-person-form.tsx';
import { newClientId, useRecordVisit } from './census-api.ts';
import { MemberChecklist } from './member-checklist.tsx';
import { OutcomeButtons } from './outcome-buttons.tsx';

const toggled = (s: ReadonlySet<Id>, id: Id, on: boolean) => {
  const next = new Set(s);
  if (on) next.add(id);
  else next.delete(id);
  return next;
};

export function VisitForm({ household, onSaved }: { household: HouseholdDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<CensusOutcome>();
  const [seen, setSeen] = useState<ReadonlySet<Id>>(new Set());
  const [movedOut, setMovedOut] = useState<ReadonlySet<Id>>(new Set());
  const [added, setAdded] = useState<AddedPerson[]>([]);
  const [note, setNote] = useState('');
  const clientId = useRef<string | null>(null);
  const record = useRecordVisit();
  const present = outcome === undefined || outcome === 'present';

  const chooseOutcome = (o: CensusOutcome) => {
    setOutcome(o);
    // Nobody is seen or added at a door that did not open.
    if (o !== 'present') setSeen(new Set());
  };
  const markSeen = (id: Id, on: boolean) => {
    setSeen((s) => toggled(s, id, on));
    if (on) setOutcome('present');
  };
  const markMovedOut = (id: Id, on: boolean) => {
    setMovedOut((s) => toggled(s, id, on));
    if (on) setSeen((s) => toggled(s, id, false));
  };
  const changeAdded = (a: AddedPerson[]) => {
    setAdded(a);
    if (a.length) setOutcome('present');
  };

  const submit = () => {
    if (!outcome) return;
    clientId.current ??= newClientId();
    record.mutate(
      {
        clientId: clientId.current,
        householdId: household.id,
        outcome,
        seen: outcome === 'present' ? [...seen] : [],
        movedOut: [...movedOut],
        added: outcome === 'present' ? added : [],
        note: note.trim() || null,
      },
      {
        onSuccess: (res) => {
          clientId.current = null;
          void message.success(t(res.replayed ? 'census.replayed' : 'census.saved', { name: household.name }));
          onSaved();
        },
      },
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="visit-form">
      <Card size="small" title={t('census.outcomeTitle')}>
        <OutcomeButtons value={outcome} onChange={chooseOutcome} />
      </Card>
      <Card size="small" title={t('census.membersTitle', { n: household.members.filter((m) => m.status === 'active').length })}>
        <MemberChecklist members={household.members} seen={seen} movedOut={movedOut} seenDisabled={!present} onSeen={markSeen} onMovedOut={markMovedOut} />
      </Card>
      <Collapse
        items={[
          {
            key: 'add',
            label: added.length ? t('census.addPersonCount', { n: added.length }) : t('census.addPerson'),
            children: <AddPersonForm added={added} onChange={changeAdded} disabled={!present} />,
          },
          { key: 'note', label: t('census.note'), children: <Input.TextArea value={note} maxLength={500} autoSize={{ minRows: 2 }} onChange={(e) => setNote(e.target.value)} /> },
        ]}
      />
      {record.error && (
        <Alert type="error" showIcon message={errorText(record.error, t)} description={t('census.retryKept')} data-testid="visit-error" />
      )}
      <div style={{ position: 'sticky', bottom: 0, padding: '8px 0', background: '#f5f5f5', zIndex: 2 }}>
        <Button
          type="primary"
          block
          size="large"
          icon={<SendOutlined />}
          disabled={!outcome}
          loading={record.isPending}
          onClick={submit}
          style={{ height: 56, fontSize: 18 }}
          data-testid="visit-submit"
        >
          {outcome ? t('census.submitWith', { outcome: t(`census.outcome.${outcome}`) }) : t('census.chooseOutcome')}
        </Button>
      </div>
    </Space>
  );
}
