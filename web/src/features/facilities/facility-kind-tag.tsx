import { Tag } from 'antd';
import { FACILITY_KIND_LABELS, type FacilityKind } from '../../../../domain/places.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FACILITY_COLORS } from './facility-colors.ts';

export function FacilityKindTag({ kind }: { kind: FacilityKind }) {
  const { label } = useI18n();
  return (
    <Tag color={FACILITY_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {label(FACILITY_KIND_LABELS[kind], kind)}
    </Tag>
  );
}
