// /persons — search the registry (one box, place, tag, status), page through, add a person.
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../features/auth/use-auth.ts';
import { PersonFilters } from '../features/persons/person-filters.tsx';
import { PersonFormModal } from '../features/persons/person-form-modal.tsx';
import { PERSON_PAGE, personsQuery, type PersonFilter } from '../features/persons/persons-api.ts';
import { PersonsTable } from '../features/persons/persons-table.tsx';
import { PersonsTabs } from '../features/persons/persons-tabs.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function PersonsPage() {
  const { t } = useI18n();
  const canWrite = useCan('persons.write');
  const [filter, setFilter] = useState<PersonFilter>({});
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const q = useQuery(personsQuery(filter, offset));
  const items = q.data?.items ?? [];

  const applyFilter = (f: PersonFilter) => {
    setFilter(f);
    setOffset(0);
  };
  const create = canWrite && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-create">
      {t('persons.create')}
    </Button>
  );

  return (
    <Card data-testid="persons-page" styles={{ body: { paddingTop: 4 } }}>
      <PersonsTabs active="list" extra={create} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PersonFilters value={filter} onChange={applyFilter} />
        <PersonsTable items={items} loading={q.isFetching} />
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button icon={<LeftOutlined />} disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PERSON_PAGE))}>
            {t('common.prev')}
          </Button>
          <Typography.Text>{t('common.page', { n: offset / PERSON_PAGE + 1 })}</Typography.Text>
          <Button disabled={items.length < PERSON_PAGE || q.isPlaceholderData} onClick={() => setOffset((o) => o + PERSON_PAGE)}>
            {t('common.next')}
            <RightOutlined />
          </Button>
        </Space>
      </Space>
      {canWrite && <PersonFormModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
