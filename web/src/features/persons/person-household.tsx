// The people registered in the same household, each linked to their own page.
import { List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Person } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ageOn, localDay } from './person-format.ts';
import { PersonTags } from './person-tags.tsx';
import { PersonStatusTag } from './persons-table.tsx';

export function PersonHousehold({ members, selfId }: { members: Person[]; selfId: number }) {
  const { t } = useI18n();
  const today = localDay();
  return (
    <List<Person>
      size="small"
      data-testid="person-household"
      dataSource={members}
      locale={{ emptyText: t('persons.noHousehold') }}
      renderItem={(m) => {
        const age = ageOn(m.birthDate, today);
        return (
          <List.Item>
            <Space wrap size={6}>
              {m.id === selfId ? <Typography.Text strong>{m.name}</Typography.Text> : <Link to={`/persons/${m.id}`}>{m.name}</Link>}
              <Typography.Text type="secondary">
                {[m.sex ? t(`persons.sex.${m.sex}`) : null, age !== null ? t('persons.ageValue', { age }) : null].filter(Boolean).join(' · ')}
              </Typography.Text>
              <PersonTags tags={m.tags} />
              {m.status !== 'active' && <PersonStatusTag status={m.status} />}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
