// Where the drill-down is: 我的网格 › … › this place, from the caller's own root down.
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { placeQuery, rootsQuery } from '../places/places-api.ts';

export function CensusBreadcrumb({ placeId, tail }: { placeId: Id; tail?: string }) {
  const { t } = useI18n();
  const place = useQuery(placeQuery(placeId));
  const roots = useQuery(rootsQuery());
  const rootIds = new Set((roots.data?.items ?? []).map((r) => r.id));
  const chain = [...(place.data?.ancestors ?? []), ...(place.data ? [place.data] : [])];
  const start = chain.findIndex((a) => rootIds.has(a.id));
  const visible = start < 0 ? chain.slice(-1) : chain.slice(start);
  const items = [
    { key: 'mine', title: <Link to="/census">{t('census.myGrids')}</Link> },
    ...visible.map((a, i) => ({
      key: a.id,
      title: i === visible.length - 1 && !tail ? a.name : <Link to={`/census/${a.id}`}>{a.name}</Link>,
    })),
    ...(tail ? [{ key: 'tail', title: tail }] : []),
  ];
  return <Breadcrumb data-testid="census-breadcrumb" items={items} />;
}
