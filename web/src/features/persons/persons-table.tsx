// The people of one search page: masked ID number and phone, sex, age, household, tags, status.
import { Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Person } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ageOn, localDay } from './person-format.ts';
import { PersonTags } from './person-tags.tsx';

export function PersonStatusTag({ status }: { status: Person['status'] }) {
  const { t } = useI18n();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{t(`persons.status.${status}`)}</Tag>;
}

export function PersonsTable({ items, loading }: { items: Person[]; loading: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = localDay();
  const none = t('common.none');
  return (
    <Table<Person>
      size="small"
      rowKey="id"
      data-testid="persons-table"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('persons.empty') }}
      onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('persons.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
        { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('persons.sex'), dataIndex: 'sex', render: (v: Person['sex']) => (v ? t(`persons.sex.${v}`) : none) },
        {
          title: t('persons.age'),
          dataIndex: 'birthDate',
          render: (v: string | null) => {
            const age = ageOn(v, today);
            return age === null ? none : <span title={v ?? ''}>{t('persons.ageValue', { age })}</span>;
          },
        },
        { title: t('persons.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? none },
        {
          title: t('persons.household'),
          dataIndex: 'householdName',
          render: (_: unknown, p) => (p.householdCode ? <span title={p.householdCode}>{p.householdName}</span> : none),
        },
        { title: t('persons.tags'), dataIndex: 'tags', render: (v: Person['tags']) => <PersonTags tags={v} /> },
        { title: t('persons.status'), dataIndex: 'status', render: (v: Person['status']) => <PersonStatusTag status={v} /> },
      ]}
    />
  );
}
