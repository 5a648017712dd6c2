import { Tag } from 'antd';
import { PLACE_KIND_LABELS, type PlaceKind } from '../../../../domain/places.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const COLORS: Record<PlaceKind, string> = {
  province: 'red',
  city: 'volcano',
  district: 'orange',
  subdistrict: 'gold',
  community: 'lime',
  compound: 'green',
  grid: 'cyan',
  building: 'blue',
  unit: 'geekblue',
  household: 'purple',
};

export function PlaceKindTag({ kind }: { kind: PlaceKind }) {
  const { label } = useI18n();
  return (
    <Tag color={COLORS[kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {label(PLACE_KIND_LABELS[kind], kind)}
    </Tag>
  );
}
