// Place tree vocabulary (DESIGN.md §3). Pure data shared by server, CLI, sim and web.

export const PLACE_KINDS = [
  'province', 'city', 'district', 'subdistrict', 'community', 'compound', 'grid', 'building', 'unit', 'household',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const FACILITY_KINDS = ['venue', 'sampling_site', 'lab', 'isolation_site', 'hospital', 'fangcang'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const PLACE_KIND_LABELS: Record<PlaceKind, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  subdistrict: { zh: '街道/乡镇', en: 'Subdistrict' },
  community: { zh: '社区/村', en: 'Community' },
  compound: { zh: '小区', en: 'Compound' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  household: { zh: '户', en: 'Household' },
};

export const FACILITY_KIND_LABELS: Record<FacilityKind, { zh: string; en: string }> = {
  venue: { zh: '场所', en: 'Venue' },
  sampling_site: { zh: '采样点', en: 'Sampling site' },
  lab: { zh: '检测机构', en: 'Lab' },
  isolation_site: { zh: '隔离点', en: 'Isolation site' },
  hospital: { zh: '定点医院', en: 'Hospital' },
  fangcang: { zh: '方舱', en: 'Fangcang' },
};

/** Chinese header aliases and value aliases for the places import (DESIGN.md §13). */
export const PLACE_KIND_ALIASES: Record<string, PlaceKind | FacilityKind> = {
  省: 'province', 市: 'city', 区: 'district', 县: 'district', 街道: 'subdistrict', 乡镇: 'subdistrict',
  社区: 'community', 村: 'community', 小区: 'compound', 网格: 'grid', 楼栋: 'building', 单元: 'unit', 户: 'household',
  场所: 'venue', 采样点: 'sampling_site', 检测机构: 'lab', 实验室: 'lab', 隔离点: 'isolation_site',
  医院: 'hospital', 定点医院: 'hospital', 方舱: 'fangcang',
};

/** Codes are identifiers in URLs, files and barcodes: keep them to a safe alphabet. */
export const PLACE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isPlaceKind(v: string): v is PlaceKind {
  return (PLACE_KINDS as readonly string[]).includes(v);
}
export function isFacilityKind(v: string): v is FacilityKind {
  return (FACILITY_KINDS as readonly string[]).includes(v);
}

/** GeoJSON geometry as stored on a place: a point is in lat/lng, areas are polygons. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][]; // [ring][vertex][lng, lat]
}
