import type { FacilityKind } from '../../../../domain/places.ts';

/** One colour per facility kind, shared by map markers, legend and tags. */
export const FACILITY_COLORS: Record<FacilityKind, string> = {
  venue: '#7f5539',
  sampling_site: '#1d4ed8',
  lab: '#7c3aed',
  isolation_site: '#dc2626',
  hospital: '#059669',
  fangcang: '#ea580c',
};
