import type { FacilitySummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Capacity (beds, people) and/or sampling capacity per hour; a dash when neither is known. */
export function CapacityText({ facility }: { facility: Pick<FacilitySummary, 'capacity' | 'capacityPerHour'> }) {
  const { t } = useI18n();
  const parts: string[] = [];
  if (facility.capacity != null) parts.push(String(facility.capacity));
  if (facility.capacityPerHour != null) parts.push(t('facilities.perHour', { n: facility.capacityPerHour }));
  return <>{parts.length ? parts.join(' · ') : t('common.none')}</>;
}
