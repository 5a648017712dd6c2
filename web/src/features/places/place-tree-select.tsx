// A lazy TreeSelect over the caller's place tree (GET /api/places/roots, then children on expand).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Space, TreeSelect } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import type { Id, PlaceSummary } from '../../api/types.ts';
import { PlaceKindTag } from './place-kind-tag.tsx';
import { childrenQuery, rootsQuery } from './places-api.ts';

interface Props {
  value?: Id;
  /** Optional so a Form.Item can inject it. */
  onChange?: (id: Id | undefined, place: PlaceSummary | undefined) => void;
  /** Which places may be picked (others only open); all by default. */
  selectable?: (p: PlaceSummary) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}

export function PlaceTreeSelect({ value, onChange, selectable, placeholder, allowClear = true, style, testId }: Props) {
  const qc = useQueryClient();
  const roots = useQuery(rootsQuery());
  const [loaded, setLoaded] = useState<PlaceSummary[]>([]);

  const places = useMemo(() => {
    const byId = new Map<Id, PlaceSummary>();
    for (const p of [...(roots.data?.items ?? []), ...loaded]) byId.set(p.id, p);
    return byId;
  }, [roots.data, loaded]);

  const treeData = useMemo(() => {
    const rootIds = new Set((roots.data?.items ?? []).map((r) => r.id));
    return [...places.values()].map((p) => ({
      id: p.id,
      pId: rootIds.has(p.id) ? 0 : p.parentId,
      value: p.id,
      name: p.name,
      isLeaf: p.childCount === 0,
      selectable: selectable ? selectable(p) : true,
      title: (
        <Space size={4}>
          <span>{p.name}</span>
          <PlaceKindTag kind={p.kind} />
        </Space>
      ),
    }));
  }, [places, roots.data, selectable]);

  const loadData = async (node: { id?: Id }) => {
    if (node.id === undefined) return;
    const page = await qc.fetchQuery(childrenQuery(node.id));
    setLoaded((l) => [...l, ...page.items.filter((c) => !l.some((x) => x.id === c.id))]);
  };

  return (
    <TreeSelect<Id>
      data-testid={testId}
      style={{ minWidth: 200, ...style }}
      value={value}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="name"
      treeNodeLabelProp="name"
      loading={roots.isPending}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      loadData={(node) => loadData(node as { id?: Id })}
      popupMatchSelectWidth={false}
      onChange={(id) => onChange?.(id ?? undefined, id ? places.get(id) : undefined)}
    />
  );
}
