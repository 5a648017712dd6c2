// places: generate the place tree of a city sized for N people (default 1,000,000) and load it
// through the repository layer (the same loader as `cordon import places`: validation, parent
// resolution, batched unnest INSERTs, audit rows); baseline: a raw multi-row INSERT of the same rows,
// with ids and paths precomputed, into an identical fresh database in the same run.
import { sql } from 'kysely';
import { generatePlaces, planCity } from '../sim/city.ts';
import { createPlaceLoader } from '../server/modules/places/place-loader.ts';
import type { Db } from '../server/platform/db.ts';
import { freshDb, seconds, type BenchOptions, type BenchResult } from './harness.ts';

const ACTOR = { userId: null, username: 'bench', requestId: null };
const BASELINE_ROWS_PER_STATEMENT = 1000;

async function loadThroughRepository(db: Db, people: number): Promise<number> {
  const loader = createPlaceLoader({ db, clock: () => new Date() }, ACTOR, { all: true }, { batchSize: 5000 });
  let row = 0;
  for (const p of generatePlaces({ people, seed: 1 })) {
    await loader.add({ row: ++row, code: p.code, parentCode: p.parentCode, kind: p.kind, name: p.name, sortOrder: p.sortOrder, lat: p.lat, lng: p.lng, geometry: p.geometry });
  }
  const s = await loader.finish();
  if (s.rejected) throw new Error(`rejected rows: ${JSON.stringify(s.errors.slice(0, 3))}`);
  return s.accepted;
}

async function loadRawInsert(db: Db, people: number): Promise<number> {
  const ids = new Map<string, { id: number; path: string; depth: number }>();
  let nextId = 1;
  let batch: ReturnType<typeof sql>[] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    await sql`INSERT INTO places (id, code, name, kind, parent_id, path, depth, sort_order, lat, lng, geometry) VALUES ${sql.join(batch)}`.execute(db.kysely);
    batch = [];
  };
  for (const p of generatePlaces({ people, seed: 1 })) {
    const parent = p.parentCode ? ids.get(p.parentCode)! : null;
    const id = nextId++;
    const me = { id, path: `${parent ? parent.path : '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    ids.set(p.code, me);
    batch.push(
      sql`(${id}, ${p.code}, ${p.name}, ${p.kind}, ${parent?.id ?? null}, ${me.path}, ${me.depth}, ${p.sortOrder}, ${p.lat}, ${p.lng}, ${p.geometry ? JSON.stringify(p.geometry) : null}::jsonb)`,
    );
    count++;
    if (batch.length >= BASELINE_ROWS_PER_STATEMENT) await flush();
  }
  await flush();
  return count;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const people = Number(opts.args.people ?? (opts.xl ? 10_000_000 : 1_000_000));
  const plan = planCity({ people, seed: 1 });
  console.error(`places: ${plan.places} places for ${people} people on ${opts.engine}`);

  const a = await freshDb(opts.engine);
  let t0 = process.hrtime.bigint();
  const loaded = await loadThroughRepository(a.db, people);
  const repoSeconds = seconds(t0);
  await a.drop();
  console.error(`  repository loader: ${loaded} rows in ${repoSeconds.toFixed(1)} s`);

  const b = await freshDb(opts.engine);
  t0 = process.hrtime.bigint();
  const raw = await loadRawInsert(b.db, people);
  const rawSeconds = seconds(t0);
  await b.drop();
  console.error(`  raw multi-row INSERT: ${raw} rows in ${rawSeconds.toFixed(1)} s`);

  const repoRate = loaded / repoSeconds;
  const rawRate = raw / rawSeconds;
  return {
    params: { people, places: plan.places, seed: 1, baselineRowsPerStatement: BASELINE_ROWS_PER_STATEMENT },
    metrics: { rows: loaded, seconds: repoSeconds, rowsPerSecond: Math.round(repoRate) },
    baseline: { rows: raw, seconds: rawSeconds, rowsPerSecond: Math.round(rawRate) },
    ratio: repoRate / rawRate,
  };
}
