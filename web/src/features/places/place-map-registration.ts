// Registers the polygons of a place's children as an ECharts map (regions named by place code), for
// every map view of a place (the places map, the screening coverage map…).
import type { MapFeature, PlaceMap } from '../../api/types.ts';
import { echarts } from '../../components/echart.tsx';

/** Label anchor of a region: the middle of its outer ring's bounding box. ECharts' own centroid
 * loses precision on the tiny polygons of buildings, so we give it (`cp`) explicitly. */
function labelPoint(c: MapFeature): [number, number] | undefined {
  const ring = c.geometry?.coordinates[0];
  if (!ring?.length) return undefined;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

export interface RegisteredPlaceMap {
  /** The name to give `geo.map` / a map series. */
  mapName: string;
  /** Children with a polygon, each a region named by its code. */
  regions: MapFeature[];
  /** Every child by code (regions are named by code: names repeat, codes do not). */
  byCode: Map<string, MapFeature>;
}

/** Registers the children of `data` with a polygon; null when none has one (units, households…). */
export function registerPlaceMap(placeId: number, data: PlaceMap): RegisteredPlaceMap | null {
  const regions = data.children.filter((c) => c.geometry);
  if (!regions.length) return null;
  const mapName = `cordon-place-${placeId}-${data.children.length}`;
  echarts.registerMap(mapName, {
    type: 'FeatureCollection',
    features: regions.map((c) => ({ type: 'Feature', properties: { name: c.code, cp: labelPoint(c) }, geometry: c.geometry })),
  } as unknown as Parameters<typeof echarts.registerMap>[1]);
  return { mapName, regions, byCode: new Map(data.children.map((c) => [c.code, c])) };
}
