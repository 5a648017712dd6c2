// State of the lazy place tree: which nodes have their children loaded and which are expanded.
// Children come from the query cache, so invalidating ['places'] refreshes the tree too.
import { useQueries, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Id, Page, PlaceSummary } from '../../api/types.ts';
import { childrenQuery, placeQuery, rootsQuery } from './places-api.ts';

export interface PlaceTreeNode {
  /** The place id, or `more:<parent id>` for the notice node of a truncated child list. */
  key: Id | string;
  place?: PlaceSummary;
  truncated?: { shown: number; total: number };
  isLeaf: boolean;
  selectable?: boolean;
  children?: PlaceTreeNode[];
}

/** Open the first level by itself when the caller has at most this many roots. */
const AUTO_EXPAND_ROOTS = 3;

const pickData = (results: UseQueryResult<Page<PlaceSummary>>[]) => results.map((r) => r.data);
const addAll = (list: Id[], ids: Id[]) => {
  const missing = ids.filter((id) => !list.includes(id));
  return missing.length ? [...list, ...missing] : list;
};

export function usePlaceTree() {
  const qc = useQueryClient();
  const roots = useQuery(rootsQuery());
  const [loaded, setLoaded] = useState<Id[]>([]);
  const [expanded, setExpanded] = useState<Id[]>([]);
  const childData = useQueries({ queries: loaded.map((id) => childrenQuery(id)), combine: pickData });

  const treeData = useMemo(() => {
    const byParent = new Map<Id, Page<PlaceSummary>>();
    loaded.forEach((id, i) => {
      const page = childData[i];
      if (page) byParent.set(id, page);
    });
    const build = (p: PlaceSummary): PlaceTreeNode => {
      const page = byParent.get(p.id);
      const node: PlaceTreeNode = { key: p.id, place: p, isLeaf: p.childCount === 0 };
      if (page) {
        node.children = page.items.map(build);
        if (page.total > page.items.length) {
          const truncated = { shown: page.items.length, total: page.total };
          node.children.push({ key: `more:${p.id}`, truncated, isLeaf: true, selectable: false });
        }
        node.isLeaf = node.children.length === 0;
      }
      return node;
    };
    return (roots.data?.items ?? []).map(build);
  }, [roots.data, loaded, childData]);

  const loadChildren = useCallback(
    async (id: Id) => {
      await qc.fetchQuery(childrenQuery(id));
      setLoaded((l) => addAll(l, [id]));
    },
    [qc],
  );

  /** Loads and expands the ancestors of a place (below the caller's roots) so it is visible. */
  const reveal = useCallback(
    async (id: Id) => {
      const rootIds = new Set((await qc.fetchQuery(rootsQuery())).items.map((r) => r.id));
      if (rootIds.has(id)) return;
      const detail = await qc.fetchQuery(placeQuery(id));
      const chain = detail.ancestors.map((a) => a.id); // root first
      const start = chain.findIndex((a) => rootIds.has(a));
      if (start < 0) return;
      const open = chain.slice(start);
      await Promise.all(open.map((a) => qc.fetchQuery(childrenQuery(a))));
      setLoaded((l) => addAll(l, open));
      setExpanded((e) => addAll(e, open));
    },
    [qc],
  );

  const rootItems = roots.data?.items;
  const autoExpanded = useRef(false);
  useEffect(() => {
    if (!rootItems || autoExpanded.current) return;
    autoExpanded.current = true;
    if (rootItems.length > AUTO_EXPAND_ROOTS) return;
    const ids = rootItems.filter((r) => r.childCount > 0).map((r) => r.id);
    void Promise.all(ids.map((id) => qc.fetchQuery(childrenQuery(id))))
      .then(() => {
        setLoaded((l) => addAll(l, ids));
        setExpanded((e) => addAll(e, ids));
      })
      .catch(() => undefined);
  }, [rootItems, qc]);

  return { roots, treeData, expanded, setExpanded, loadChildren, reveal };
}
