// Several places of the caller's tree: pick one at a time in the lazy tree select, shown as tags.
import { Space, Tag } from 'antd';
import { useState } from 'react';
import type { Id, PlaceSummary } from '../../api/types.ts';
import { PlaceKindTag } from '../places/place-kind-tag.tsx';
import { PlaceTreeSelect } from '../places/place-tree-select.tsx';

interface Props {
  value?: Id[];
  onChange?: (ids: Id[]) => void;
  placeholder?: string;
  testId?: string;
}

export function PlacesPicker({ value = [], onChange, placeholder, testId }: Props) {
  const [names, setNames] = useState<Map<Id, PlaceSummary>>(new Map());
  const add = (id: Id | undefined, place: PlaceSummary | undefined) => {
    if (id === undefined || value.includes(id)) return;
    if (place) setNames((m) => new Map(m).set(id, place));
    onChange?.([...value, id]);
  };
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid={testId}>
      {/* Remounted after each pick so the select empties again (the picks are the tags below). */}
      <PlaceTreeSelect key={value.length} value={undefined} onChange={add} placeholder={placeholder} style={{ width: '100%' }} testId={testId ? `${testId}-select` : undefined} />
      {value.length > 0 && (
        <Space size={[4, 4]} wrap>
          {value.map((id) => {
            const p = names.get(id);
            return (
              <Tag key={id} closable onClose={() => onChange?.(value.filter((x) => x !== id))} data-testid="picked-place" style={{ paddingBlock: 2 }}>
                <Space size={4}>
                  {p?.name ?? `#${id}`}
                  {p && <PlaceKindTag kind={p.kind} />}
                </Space>
              </Tag>
            );
          })}
        </Space>
      )}
    </Space>
  );
}
