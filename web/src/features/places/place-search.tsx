// Search box over GET /api/places?q= ; choosing a result jumps to that place.
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from './place-kind-tag.tsx';
import { placeSearchQuery } from './places-api.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function PlaceSearch({ onPick }: { onPick: (id: Id) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useQuery(placeSearchQuery(q));

  return (
    <Select<Id>
      showSearch
      allowClear
      value={null}
      data-testid="place-search"
      style={{ width: '100%' }}
      placeholder={t('places.search')}
      filterOption={false}
      searchValue={text}
      onSearch={setText}
      loading={results.isFetching}
      notFoundContent={null}
      onChange={(id) => {
        if (id) onPick(id);
        setText('');
      }}
      options={(results.data?.items ?? []).map((p) => ({
        value: p.id,
        label: (
          <Space size={6}>
            <span>{p.name}</span>
            <PlaceKindTag kind={p.kind} />
            <Typography.Text type="secondary">{p.code}</Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
