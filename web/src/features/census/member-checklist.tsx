// The registered members of a household at the door: tick who was seen, mark who moved out.
import { Button, Checkbox, List, Space, Tag, Typography } from 'antd';
import type { Id, Person } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ageOn, localDay } from '../persons/person-format.ts';
import { PersonTags } from '../persons/person-tags.tsx';

interface Props {
  members: Person[];
  seen: ReadonlySet<Id>;
  movedOut: ReadonlySet<Id>;
  /** Seen can be ticked only when the household is (or may become) 在家. */
  seenDisabled: boolean;
  onSeen: (id: Id, seen: boolean) => void;
  onMovedOut: (id: Id, movedOut: boolean) => void;
}

export function MemberChecklist({ members, seen, movedOut, seenDisabled, onSeen, onMovedOut }: Props) {
  const { t } = useI18n();
  const today = localDay();
  return (
    <List<Person>
      data-testid="member-checklist"
      dataSource={members}
      locale={{ emptyText: t('census.noMembers') }}
      renderItem={(m) => {
        const age = ageOn(m.birthDate, today);
        const facts = [m.sex ? t(`persons.sex.${m.sex}`) : null, age !== null ? t('persons.ageValue', { age }) : null, m.phone].filter(Boolean).join(' · ');
        const gone = m.status !== 'active';
        const leaving = movedOut.has(m.id);
        return (
          <List.Item
            data-testid="member-row"
            data-person-id={m.id}
            style={{ paddingInline: 4, opacity: gone ? 0.5 : 1 }}
            actions={[
              gone ? (
                <Tag key="gone">{t('persons.status.moved_out')}</Tag>
              ) : (
                <Button key="out" danger={!leaving} type={leaving ? 'default' : 'text'} onClick={() => onMovedOut(m.id, !leaving)} data-testid="member-moved-out">
                  {leaving ? t('census.undoMovedOut') : t('census.movedOut')}
                </Button>
              ),
            ]}
          >
            <Checkbox
              data-testid="member-seen"
              checked={seen.has(m.id)}
              disabled={gone || leaving || seenDisabled}
              onChange={(e) => onSeen(m.id, e.target.checked)}
              style={{ alignItems: 'center', flex: 1, minWidth: 0, minHeight: 44 }}
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong delete={leaving} style={{ fontSize: 16 }}>
                  {m.name}
                  {seen.has(m.id) && <Typography.Text type="success"> · {t('census.seen')}</Typography.Text>}
                </Typography.Text>
                <Typography.Text type="secondary">{facts}</Typography.Text>
                {m.tags.length > 0 && <PersonTags tags={m.tags} />}
              </Space>
            </Checkbox>
          </List.Item>
        );
      }}
    />
  );
}
