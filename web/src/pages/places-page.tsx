// /places/:placeId? — tree and search on the left, the selected place on the right.
import { Card, Col, Empty, Grid, Row, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Id } from '../api/types.ts';
import { PlaceDetail } from '../features/places/place-detail.tsx';
import { PlaceSearch } from '../features/places/place-search.tsx';
import { PlaceTree } from '../features/places/place-tree.tsx';
import { usePlaceTree } from '../features/places/use-place-tree.ts';
import { useI18n } from '../i18n/i18n.tsx';

function useTreeHeight(): number {
  const calc = () => Math.max(320, window.innerHeight - 230);
  const [h, setH] = useState(calc);
  useEffect(() => {
    const on = () => setH(calc());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export function PlacesPage() {
  const { t } = useI18n();
  const param = useParams().placeId;
  const placeId = param && /^\d+$/.test(param) ? Number(param) : undefined;
  const navigate = useNavigate();
  const tree = usePlaceTree();
  const screens = Grid.useBreakpoint();
  const treeHeight = useTreeHeight();
  const firstRoot = tree.roots.data?.items[0]?.id;

  const select = useCallback((id: Id) => navigate(`/places/${id}`), [navigate]);

  useEffect(() => {
    if (!param && firstRoot) navigate(`/places/${firstRoot}`, { replace: true });
  }, [param, firstRoot, navigate]);

  const { reveal } = tree;
  useEffect(() => {
    if (placeId) void reveal(placeId).catch(() => undefined);
  }, [placeId, reveal]);

  return (
    <Row gutter={[16, 16]} wrap>
      <Col xs={24} lg={8} xxl={6}>
        <Card size="small" title={t('places.tree')} styles={{ body: { padding: 8 } }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <PlaceSearch onPick={select} />
            <PlaceTree tree={tree} selectedId={placeId} onSelect={select} height={screens.lg ? treeHeight : 360} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={16} xxl={18}>
        {placeId !== undefined ? (
          <PlaceDetail placeId={placeId} onSelect={select} onCreated={(p) => void reveal(p.id).catch(() => undefined)} />
        ) : <Empty description={t('places.selectHint')} />}
      </Col>
    </Row>
  );
}
