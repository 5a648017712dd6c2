// The demo seed: the generated city loaded through the same loader as a places import, plus the
// demo users of DESIGN §13, each scoped to a sensible place of the generated tree, and one finished
// testing round over the city (sim/round-simulation.ts) so the screening pages have data.
import { analyzeTables, type Db } from '../server/platform/db.ts';
import type { Actor } from '../server/platform/audit.ts';
import { createPlaceLoader, type LoadSummary } from '../server/modules/places/place-loader.ts';
import { addGeneratedRooms } from '../server/modules/places/facility-service.ts';
import { createUser } from '../server/modules/auth/service.ts';
import type { Role } from '../domain/roles.ts';
import { generateFacilities, generatePlaces, planCity, type CityOptions } from './city.ts';
import { generatePersons } from './population.ts';
import { createPersonImporter, type PersonImportSummary } from '../server/modules/persons/import.ts';
import { dayInZone } from '../domain/time.ts';
import { latestRoundStart, simulateRound, type RoundSimulationResult } from './round-simulation.ts';

import { DEMO_PASSWORD } from '../server/modules/auth/service.ts';
export { DEMO_PASSWORD };

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** The first place of this kind in the generated tree is the user's scope; null = whole tree. */
  scopeKind: 'city' | 'district' | 'subdistrict' | 'community' | 'grid' | 'household' | null;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', scopeKind: null },
  { username: 'commander', displayName: '指挥部', role: 'commander', scopeKind: null },
  { username: 'officer', displayName: '区干部', role: 'district_officer', scopeKind: 'district' },
  { username: 'grid', displayName: '网格员', role: 'grid_worker', scopeKind: 'grid' },
  { username: 'sampler', displayName: '采样员', role: 'sampler', scopeKind: 'subdistrict' },
  { username: 'lab', displayName: '检测机构', role: 'lab', scopeKind: 'city' },
  { username: 'tracer', displayName: '流调员', role: 'tracer', scopeKind: 'city' },
  { username: 'site', displayName: '隔离点工作人员', role: 'site_staff', scopeKind: 'district' },
  { username: 'transfer', displayName: '转运专班', role: 'transfer', scopeKind: 'city' },
  { username: 'hotline', displayName: '热线', role: 'hotline', scopeKind: 'city' },
  { username: 'volunteer', displayName: '志愿者', role: 'volunteer', scopeKind: 'community' },
  { username: 'resident', displayName: '居民', role: 'resident', scopeKind: 'household' },
];

/** The finished testing round the demo comes with (started yesterday morning, city time; see latestRoundStart). */
export const DEMO_ROUND_NAME = '演示市第1轮全员核酸检测';

export interface SeedResult {
  people: number;
  seed: number;
  places: LoadSummary;
  persons: PersonImportSummary;
  users: string[];
  round: RoundSimulationResult | null;
}

export async function seedDemoCity(
  deps: { db: Db; clock: () => Date; secret: string; timeZone: string },
  actor: Actor,
  opts: CityOptions & {
    onProgress?: (done: number, total: number) => void;
    /** Run one finished testing round over the city after the users are made (default true). */
    round?: boolean;
  },
): Promise<SeedResult> {
  const plan = planCity(opts);
  const total = plan.places + plan.facilities + opts.people;
  const loader = createPlaceLoader(deps, actor, { all: true }, { batchSize: 5000, onBatch: (s) => opts.onProgress?.(s.accepted + s.rejected, total) });
  const firstOfKind = new Map<string, string>();
  let row = 0;
  for (const p of generatePlaces(opts)) {
    if (!firstOfKind.has(p.kind)) firstOfKind.set(p.kind, p.code);
    await loader.add({ row: ++row, code: p.code, parentCode: p.parentCode, kind: p.kind, name: p.name, sortOrder: p.sortOrder, lat: p.lat, lng: p.lng, geometry: p.geometry });
  }
  const rooms = new Map<string, { number: string; capacity: number }[]>();
  for (const f of generateFacilities(opts)) {
    if (f.rooms.length) rooms.set(f.code, f.rooms);
    await loader.add({ row: ++row, code: f.code, parentCode: f.placeCode, kind: f.kind, name: f.name, lat: f.lat, lng: f.lng, capacity: f.capacity, capacityPerHour: f.capacityPerHour, siteMode: f.siteMode });
  }
  const places = await loader.finish();
  if (places.rejected > 0) throw new Error(`demo city generator produced invalid rows: ${JSON.stringify(places.errors.slice(0, 5))}`);
  await addGeneratedRooms(deps, actor, rooms);
  const persons = await loadPopulation(deps, actor, opts, (done) => opts.onProgress?.(places.accepted + done, total));
  await analyzeTables(deps.db.kysely, ['places', 'facilities', 'facility_rooms', 'persons']);
  for (const u of DEMO_USERS) {
    const placeCode = u.scopeKind ? firstOfKind.get(u.scopeKind) : null;
    await createUser(deps, actor, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, roles: [{ role: u.role, placeCode }] });
  }
  let round: RoundSimulationResult | null = null;
  if (opts.round ?? true) {
    round = await simulateRound(deps, actor, {
      name: DEMO_ROUND_NAME, placeCode: firstOfKind.get('city')!, seed: opts.seed, positivePools: 3, startsAt: latestRoundStart(deps.clock(), deps.timeZone),
    });
    await analyzeTables(deps.db.kysely, ['tubes', 'samples', 'round_sampled', 'round_rollup', 'boxes', 'custody_events', 'lab_results']);
  }
  return { people: opts.people, seed: opts.seed, places, persons, users: DEMO_USERS.map((u) => u.username), round };
}

/** The generated residents, through the same importer as a residents sheet. */
async function loadPopulation(
  deps: { db: Db; clock: () => Date; secret: string; timeZone: string },
  actor: Actor,
  opts: CityOptions,
  onProgress: (done: number) => void,
): Promise<PersonImportSummary> {
  const importer = createPersonImporter(deps, actor, { all: true }, (s) => onProgress(s.accepted + s.rejected));
  let row = 1;
  for (const p of generatePersons({ ...opts, asOf: dayInZone(deps.clock(), deps.timeZone) })) {
    await importer.add({
      row: ++row,
      values: {
        id_type: p.idType, id_number: p.idNumber, name: p.name, sex: p.sex, birth_date: p.birthDate, phone: p.phone ?? '',
        household_code: p.householdCode, tags: p.tags.join(';'), residence_type: p.residenceType, needs: p.needs ?? '',
      },
    });
  }
  const summary = await importer.finish();
  if (summary.rejected > 0) throw new Error(`population generator produced invalid people: ${JSON.stringify(summary.errors.slice(0, 5))}`);
  return summary;
}
