// Left panel: the lazy-loading place tree of the caller's scope.
import { Empty, Spin, Tree, Typography, type GetRef } from 'antd';
import { useEffect, useRef } from 'react';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from './place-kind-tag.tsx';
import type { PlaceTreeNode, usePlaceTree } from './use-place-tree.ts';

interface Props {
  tree: ReturnType<typeof usePlaceTree>;
  selectedId?: Id;
  onSelect: (id: Id) => void;
  height: number;
}

type TreeRef = GetRef<typeof Tree>;

function NodeTitle({ node }: { node: PlaceTreeNode }) {
  const { t } = useI18n();
  if (node.truncated) {
    return <Typography.Text type="secondary">{t('places.truncated', node.truncated)}</Typography.Text>;
  }
  const p = node.place!;
  return (
    <span data-place-id={p.id} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <span>{p.name}</span>
      <PlaceKindTag kind={p.kind} />
      {p.childCount > 0 && <Typography.Text type="secondary">{p.childCount}</Typography.Text>}
    </span>
  );
}

export function PlaceTree({ tree, selectedId, onSelect, height }: Props) {
  const { t } = useI18n();
  const ref = useRef<TreeRef>(null);

  useEffect(() => {
    if (!selectedId) return;
    const id = setTimeout(() => ref.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => clearTimeout(id);
  }, [selectedId, tree.expanded]);

  if (tree.roots.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (!tree.treeData.length) return <Empty description={t('places.empty')} />;
  return (
    <Tree<PlaceTreeNode>
      ref={ref}
      data-testid="place-tree"
      blockNode
      showLine
      height={height}
      treeData={tree.treeData}
      titleRender={(node) => <NodeTitle node={node} />}
      expandedKeys={tree.expanded}
      onExpand={(keys) => tree.setExpanded(keys.filter((k): k is number => typeof k === 'number'))}
      loadData={(node) => (node.place ? tree.loadChildren(node.place.id) : Promise.resolve())}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(_keys, info) => {
        if (info.node.place) onSelect(info.node.place.id);
      }}
    />
  );
}
