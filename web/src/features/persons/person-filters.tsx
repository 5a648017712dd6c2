// The filter bar of the people list: one search box (name prefix, full ID number or phone — the
// server decides which), place, special-group tag and status.
import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { SpecialGroupTag } from '../../../../domain/persons.ts';
import type { PersonStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceTreeSelect } from '../places/place-tree-select.tsx';
import type { PersonFilter } from './persons-api.ts';
import { useTagOptions } from './person-tags.tsx';

export function PersonFilters({ value, onChange }: { value: PersonFilter; onChange: (f: PersonFilter) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value.q ?? '');
  const tagOptions = useTagOptions();
  const statuses: PersonStatus[] = ['active', 'moved_out'];
  return (
    <Space wrap style={{ width: '100%' }}>
      <Input.Search
        data-testid="person-search"
        style={{ width: 320, maxWidth: '100%' }}
        allowClear
        enterButton={t('common.search')}
        placeholder={t('persons.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
      />
      <PlaceTreeSelect
        testId="person-place"
        style={{ width: 220 }}
        placeholder={t('persons.anyPlace')}
        value={value.placeId}
        onChange={(placeId) => onChange({ ...value, placeId })}
      />
      <Select<SpecialGroupTag>
        data-testid="person-tag"
        allowClear
        style={{ width: 160 }}
        placeholder={t('persons.anyTag')}
        value={value.tag}
        options={tagOptions}
        onChange={(tag) => onChange({ ...value, tag })}
      />
      <Select<PersonStatus>
        allowClear
        style={{ width: 130 }}
        placeholder={t('persons.anyStatus')}
        value={value.status}
        options={statuses.map((s) => ({ value: s, label: t(`persons.status.${s}`) }))}
        onChange={(status) => onChange({ ...value, status })}
      />
    </Space>
  );
}
