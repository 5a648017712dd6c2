// Where the coverage drill-down is: the starting place › … › the chosen place (each one clickable).
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Typography } from 'antd';
import type { Id, PlaceRef } from '../../api/types.ts';
import { placeQuery } from '../places/places-api.ts';

interface Props {
  placeId: Id;
  starts: PlaceRef[];
  onPick: (id: Id) => void;
}

export function CoverageBreadcrumb({ placeId, starts, onPick }: Props) {
  const place = useQuery(placeQuery(placeId));
  const startIds = new Set(starts.map((s) => s.id));
  const chain: PlaceRef[] = place.data ? [...place.data.ancestors, place.data] : (starts.filter((s) => s.id === placeId) as PlaceRef[]);
  const from = chain.findIndex((a) => startIds.has(a.id));
  const visible = from < 0 ? chain.slice(-1) : chain.slice(from);
  if (visible.length < 2) return null; // at the start the summary names the place
  return (
    <Breadcrumb
      data-testid="coverage-breadcrumb"
      items={visible.map((a, i) => ({
        key: a.id,
        title:
          i === visible.length - 1 ? (
            <Typography.Text strong>{a.name}</Typography.Text>
          ) : (
            <Typography.Link onClick={() => onPick(a.id)}>{a.name}</Typography.Link>
          ),
      }))}
    />
  );
}
