// A city and a sampled round written straight into the tables (COPY and INSERT … SELECT), for the
// benchmarks whose setup would take too long through the services (fanout at 10 M people): the
// generated place tree and facilities of sim/city.ts with precomputed ids and paths, residents made
// in SQL (1–5 per household, mean 2.6; synthetic ID numbers and hashes, nobody looks them up), the
// census rollup, and pooled tubes of consecutive residents with their samples. Setup only, never timed.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { generateFacilities, generatePlaces } from '../sim/city.ts';
import type { Db } from '../server/platform/db.ts';

/**
 * After a bulk load: vacuum and analyze the tables and checkpoint, so that the timed part that
 * follows does not share the machine with autovacuum and a checkpoint of the load.
 */
export async function settle(db: Db, tables: string[]) {
  await sql.raw(`VACUUM (ANALYZE) ${tables.join(', ')}`).execute(db.kysely);
  await sql`CHECKPOINT`.execute(db.kysely);
}

const esc = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));

async function copyRows(url: string, statement: string, rows: Iterable<(string | number | null)[]>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica'); // generated rows are consistent: no per-row FK checks
    const chunks = function* () {
      let chunk = '';
      for (const r of rows) {
        chunk += r.map(esc).join('\t') + '\n';
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    };
    await pipeline(Readable.from(chunks()), client.query(copyFrom(statement)));
  } finally {
    await client.end();
  }
}

/** Places, facilities, residents and the census rollup of a generated city of about `people` residents. */
export async function bulkCity(db: Db, url: string, people: number, log: (m: string) => void): Promise<{ places: number; persons: number }> {
  const t0 = performance.now();
  const step = (m: string) => log(`  ${m} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const ids = new Map<string, { id: number; path: string; depth: number }>(); // areas only; households are leaves
  let next = 1;
  let places = 0;
  step(`places of a ${people.toLocaleString('en')}-person city (COPY)`);
  await copyRows(
    url,
    'COPY places (id, code, name, kind, parent_id, path, depth, sort_order, lat, lng) FROM STDIN',
    (function* () {
      for (const p of generatePlaces({ people, seed: 1 })) {
        const parent = p.parentCode ? ids.get(p.parentCode)! : null;
        const id = next++;
        const me = { id, path: `${parent ? parent.path : '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
        if (p.kind !== 'household') ids.set(p.code, me);
        places++;
        yield [id, p.code, p.name, p.kind, parent?.id ?? null, me.path, me.depth, p.sortOrder, p.lat, p.lng];
      }
    })(),
  );
  await sql`SELECT setval('places_id_seq', ${next})`.execute(db.kysely);
  await copyRows(
    url,
    'COPY facilities (code, name, kind, place_id, capacity, capacity_per_hour, lat, lng, site_mode) FROM STDIN',
    (function* () {
      for (const f of generateFacilities({ people, seed: 1 })) yield [f.code, f.name, f.kind, ids.get(f.placeCode)!.id, f.capacity, f.capacityPerHour, f.lat, f.lng, f.siteMode];
    })(),
  );
  ids.clear();
  step(`${places.toLocaleString('en')} places and their facilities copied; residents (INSERT … SELECT)`);
  // Household sizes 1–5 from the household id, mean 2.6 (China's 2020 census: 2.62). The rows are
  // consistent by construction: foreign-key triggers are skipped for the bulk load (replica role).
  await db.kysely.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`
      INSERT INTO persons (id_type, id_number, id_hash, name, sex, birth_date, household_id)
      SELECT 'id_card', 'B' || h.id || 'X' || g, 'bulk:' || h.id || ':' || g, '居民' || g, CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, DATE '1980-01-01' + (h.id % 20000)::int, h.id
      FROM places h, generate_series(1, (ARRAY[1, 1, 2, 2, 2, 3, 3, 4, 5, 3])[1 + (h.id * 7) % 10]) g
      WHERE h.kind = 'household'`.execute(tx);
  });
  step('census rollup');
  await sql`
    INSERT INTO place_rollup (place_id, households, people)
    SELECT a.anc, count(*), sum(a.n) FROM (
      SELECT unnest((string_to_array(btrim(h.path, '/'), '/')::bigint[])[1:h.depth]) AS anc, c.n
      FROM places h JOIN (SELECT household_id, count(*)::int AS n FROM persons GROUP BY household_id) c ON c.household_id = h.id
      WHERE h.kind = 'household') a
    GROUP BY a.anc
    ON CONFLICT (place_id) DO UPDATE SET households = EXCLUDED.households, people = EXCLUDED.people`.execute(db.kysely);
  step('vacuum, analyze, checkpoint');
  await settle(db, ['places', 'facilities', 'persons', 'place_rollup']);
  step('city ready');
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(db.kysely);
  return { places, persons: n.rows[0].n };
}

/**
 * Pooled tubes of a round: residents in tree order, consecutive ones share a tube, sizes cycling
 * from minPool to maxPool; each tube at the first fixed sampling site of its first member's
 * community, collected, sealed and received by the lab of its district. At most `tubes` tubes.
 */
export async function bulkPooledRound(db: Db, roundId: number, o: { tubes: number; minPool: number; maxPool: number; prefix: string; at: Date; log?: (m: string) => void }) {
  const k = db.kysely;
  const t0 = performance.now();
  const step = (m: string) => o.log?.(`  ${m} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const cycle = Array.from({ length: o.maxPool - o.minPool + 1 }, (_, i) => o.minPool + i);
  const cycleSum = cycle.reduce((s, x) => s + x, 0);
  const slots: [number, number, number][] = []; // offset in the cycle → (tube in the cycle, slot)
  cycle.forEach((size, t) => {
    for (let s = 1; s <= size; s++) slots.push([slots.length, t, s]);
  });
  const base = (await sql<{ m: number }>`SELECT coalesce(max(id), 0)::bigint AS m FROM tubes`.execute(k)).rows[0].m;
  await k.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`CREATE TEMP TABLE bulk_slot (o int PRIMARY KEY, t int, slot int) ON COMMIT DROP`.execute(tx);
    await sql`INSERT INTO bulk_slot SELECT * FROM unnest(${slots.map((x) => x[0])}::int[], ${slots.map((x) => x[1])}::int[], ${slots.map((x) => x[2])}::int[])`.execute(tx);
    await sql`
      CREATE TEMP TABLE bulk_member ON COMMIT DROP AS
      SELECT m.person_id, m.path, (m.rn / ${cycleSum}) * ${cycle.length} + s.t AS tube, s.slot
      FROM (SELECT p.id AS person_id, h.path, row_number() OVER (ORDER BY h.path, p.id) - 1 AS rn
            FROM persons p JOIN places h ON h.id = p.household_id WHERE p.status = 'active') m
      JOIN bulk_slot s ON s.o = (m.rn % ${cycleSum})::int
      WHERE (m.rn / ${cycleSum}) * ${cycle.length} + s.t < ${o.tubes}`.execute(tx);
    step('members in tree order cut into tubes; tubes');
    await sql`
      INSERT INTO tubes (id, code, round_id, kind, capacity, members, site_id, path, collected_at, sealed_at, received_at, lab_id)
      SELECT ${base} + t.tube + 1, ${o.prefix} || t.tube, ${roundId}, 'pool', ${o.maxPool}, t.members, s.id, s.path, ${o.at}, ${o.at}, ${o.at}, l.id
      FROM (SELECT tube, count(*)::int AS members, min(path) AS path FROM bulk_member GROUP BY tube) t
      LEFT JOIN LATERAL (SELECT f.id, c.path FROM places c JOIN facilities f ON f.place_id = c.id AND f.kind = 'sampling_site' AND f.site_mode = 'fixed'
                         WHERE c.id = split_part(t.path, '/', 6)::bigint ORDER BY f.code LIMIT 1) s ON true
      LEFT JOIN LATERAL (SELECT f.id FROM facilities f WHERE f.place_id = split_part(t.path, '/', 4)::bigint AND f.kind = 'lab' ORDER BY f.code LIMIT 1) l ON true`.execute(tx);
    await sql`SELECT setval('tubes_id_seq', (SELECT max(id) FROM tubes))`.execute(tx);
    step('samples');
    await sql`
      INSERT INTO samples (client_id, round_id, tube_id, slot, person_id, path, collected_at)
      SELECT gen_random_uuid(), ${roundId}, ${base} + m.tube + 1, m.slot, m.person_id, m.path, ${o.at} FROM bulk_member m`.execute(tx);
  });
  step('vacuum, analyze, checkpoint');
  await settle(db, ['tubes', 'samples']);
  step('round ready');
  const r = await sql<{ tubes: number; members: number }>`SELECT count(*)::int AS tubes, coalesce(sum(members), 0)::int AS members FROM tubes WHERE round_id = ${roundId}`.execute(k);
  return r.rows[0];
}
