// /persons/special — special groups (独居老人, 卧床, 透析…) under a grid or community, with needs.
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { SPECIAL_GROUP_TAGS, type SpecialGroupTag } from '../../../domain/persons.ts';
import type { Id } from '../api/types.ts';
import { PersonsTabs } from '../features/persons/persons-tabs.tsx';
import { SpecialGroups } from '../features/persons/special-groups.tsx';
import { useTagOptions } from '../features/persons/person-tags.tsx';
import { PlaceTreeSelect } from '../features/places/place-tree-select.tsx';
import { rootsQuery } from '../features/places/places-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function SpecialGroupsPage() {
  const { t } = useI18n();
  const roots = useQuery(rootsQuery());
  const [picked, setPicked] = useState<Id>();
  const [tag, setTag] = useState<SpecialGroupTag>();
  const tagOptions = useTagOptions();
  const placeId = picked ?? roots.data?.items[0]?.id;

  return (
    <Card data-testid="special-page" styles={{ body: { paddingTop: 4 } }}>
      <PersonsTabs active="special" />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('special.place')}</Typography.Text>
          <PlaceTreeSelect testId="special-place" style={{ width: 240 }} allowClear={false} value={placeId} onChange={(id) => id && setPicked(id)} />
          <Select<SpecialGroupTag>
            allowClear
            style={{ width: 180 }}
            placeholder={t('special.allTags')}
            value={tag}
            options={tagOptions}
            onChange={setTag}
          />
        </Space>
        {placeId !== undefined && <SpecialGroups placeId={placeId} tags={tag ? [tag] : SPECIAL_GROUP_TAGS} />}
      </Space>
    </Card>
  );
}
