// Setup shared by the screening benchmarks (ingest, coverage, round): a seeded demo city (or an
// already seeded database), bench users, a round over the city through the round service, the
// residents in tree order cut into pooled tubes at a sampling site of their community, and a real
// listening server. Nothing here is timed.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase, type Db, type Engine } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import type { Actor } from '../server/platform/audit.ts';
import { createUser } from '../server/modules/auth/service.ts';
import { createRound } from '../server/modules/screening/round-service.ts';
import type { ScreeningDeps } from '../server/modules/screening/round-service.ts';
import { seedDemoCity } from '../sim/seed-demo.ts';
import { settle } from './bulk-city.ts';
import { freshDb, seconds } from './harness.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-00';
export const BENCH_PASSWORD = 'bench-password-1';
export const SEED_ACTOR: Actor = { userId: null, username: 'bench', requestId: null };
const TIME_ZONE = 'Asia/Shanghai';

export interface City {
  db: Db;
  /** PostgreSQL connection string (null on PGlite). */
  url: string | null;
  engine: Engine;
  secret: string;
  deps: ScreeningDeps;
  people: number;
  /** Seconds spent seeding (0 when an existing database was reused). */
  seedSeconds: number;
  city: { id: number; code: string; path: string };
  admin: Actor;
  drop(): Promise<void>;
}

/**
 * A city of `people` residents seeded with seedDemoCity into a fresh database, or the database
 * given by --database-url (seeded before with `bin/cordon seed demo`, its secret in --secret).
 */
export async function openCity(engine: Engine, args: Record<string, string>, people: number, label: string): Promise<City> {
  let db: Db;
  let drop = async () => {};
  let secret = BENCH_SECRET;
  let seedSeconds = 0;
  let url: string | null = null;
  if (args['database-url']) {
    url = args['database-url'];
    db = await openDatabase({ databaseUrl: args['database-url'], dataDir: '', poolSize: 10 });
    await migrate(db);
    secret = args.secret ?? BENCH_SECRET;
    engine = 'postgres';
  } else {
    const fresh = await freshDb(engine);
    db = fresh.db;
    url = fresh.url;
    drop = fresh.drop;
    console.error(`${label}: seeding a city of ${people.toLocaleString('en')} people (${engine}, not timed)`);
    const t0 = process.hrtime.bigint();
    await seedDemoCity({ db, clock: () => new Date(), secret, timeZone: TIME_ZONE }, SEED_ACTOR, { people, seed: 1, round: false });
    // A city's registry is long settled when a round starts: the timed part should not pay for the
    // seed (its first reads setting hint bits, its checkpoint landing in the middle of a run).
    await settle(db, ['places', 'facilities', 'persons', 'place_rollup']);
    seedSeconds = seconds(t0);
    console.error(`  seeded in ${seedSeconds.toFixed(1)} s`);
  }
  const deps: ScreeningDeps = { db, clock: () => new Date(), secret, timeZone: TIME_ZONE };
  const city = await db.kysely.selectFrom('places').select(['id', 'code', 'path']).where('kind', '=', 'city').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const { admin } = await benchUsers(db, city.code);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons WHERE status = 'active'`.execute(db.kysely);
  return { db, url, engine, secret, deps, people: n.rows[0].n, seedSeconds, city, admin, drop: async () => { await db.close(); await drop(); } };
}

/**
 * Bench users (the demo password is refused in production mode): an administrator over the whole
 * tree, a sampler and a lab scoped to the city, so scope checks run as they do for real staff.
 */
export async function benchUsers(db: Db, cityCode: string): Promise<Record<'admin' | 'sampler' | 'lab', Actor>> {
  const deps = { db, clock: () => new Date() };
  const want = { admin: ['bench-admin', 'admin', null], sampler: ['bench-sampler', 'sampler', cityCode], lab: ['bench-lab', 'lab', cityCode] } as const;
  const out = {} as Record<'admin' | 'sampler' | 'lab', Actor>;
  for (const [key, [username, role, placeCode]] of Object.entries(want) as [keyof typeof want, (typeof want)[keyof typeof want]][]) {
    let user = await db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!user) {
      await createUser(deps, SEED_ACTOR, { username, displayName: username, password: BENCH_PASSWORD, roles: [{ role, placeCode }] });
      user = await db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    }
    out[key] = { userId: user.id, username, requestId: null };
  }
  return out;
}

/** A round over the whole city (default modes: precaution areas pool 20 in a tube), created and planned by the service. */
export async function newRound(city: City, name: string): Promise<number> {
  const now = Date.now();
  const round = await createRound(city.deps, city.admin, { all: true }, {
    name,
    placeIds: [city.city.id],
    startsAt: new Date(now - 3_600_000).toISOString(),
    deadline: new Date(now + 23 * 3_600_000).toISOString(),
  });
  return round.id;
}

export interface Resident {
  id: number;
  idNumber: string;
  path: string;
}

/** Active residents in tree order (household path, then id): neighbours stand next to each other in the queue. */
export async function residentsInTreeOrder(db: Db): Promise<Resident[]> {
  const r = await sql<{ id: number; id_number: string; path: string }>`
    SELECT p.id, p.id_number, h.path FROM persons p JOIN places h ON h.id = p.household_id
    WHERE p.status = 'active' ORDER BY h.path, p.id`.execute(db.kysely);
  return r.rows.map((x) => ({ id: x.id, idNumber: x.id_number, path: x.path }));
}

export interface Tube {
  /** Index in the plan; the tube code is a per-round prefix + this index. */
  n: number;
  site: string;
  siteId: number;
  sitePath: string;
  members: Resident[];
}

/**
 * 20合1 (or `size`合1): consecutive residents of one community share a tube, taken at the first fixed
 * sampling site of their community; the last tube of a community may be short (the sampler seals it).
 */
export async function poolTubes(db: Db, residents: Resident[], size = 20): Promise<Tube[]> {
  const communities = await sql<{ id: number; path: string; site: string | null; site_id: number | null }>`
    SELECT c.id, c.path, s.code AS site, s.id AS site_id FROM places c
    LEFT JOIN LATERAL (SELECT f.id, f.code FROM facilities f WHERE f.place_id = c.id AND f.kind = 'sampling_site' AND f.site_mode = 'fixed' ORDER BY f.code LIMIT 1) s ON true
    WHERE c.kind = 'community'`.execute(db.kysely);
  const byPrefixDepth = new Map(communities.rows.map((c) => [c.path, c]));
  const depth = communities.rows[0].path.split('/').length; // '/1/2/3/4/5/' → the community's own path has this many parts
  const tubes: Tube[] = [];
  let current: Tube | null = null;
  let currentCommunity = '';
  for (const r of residents) {
    const communityPath = r.path.split('/').slice(0, depth - 1).join('/') + '/';
    const c = byPrefixDepth.get(communityPath);
    if (!c || !c.site) throw new Error(`no community with a fixed sampling site above household ${r.path}`);
    if (!current || communityPath !== currentCommunity || current.members.length >= size) {
      current = { n: tubes.length, site: c.site, siteId: c.site_id!, sitePath: c.path, members: [] };
      tubes.push(current);
      currentCommunity = communityPath;
    }
    current.members.push(r);
  }
  return tubes;
}

/** Whole tubes per batch (a tube never spans two batches), about `size` registrations each. */
export function batchesOfTubes(tubes: Tube[], size: number): Tube[][] {
  const out: Tube[][] = [];
  let batch: Tube[] = [];
  let n = 0;
  for (const t of tubes) {
    if (n + t.members.length > size && batch.length) {
      out.push(batch);
      batch = [];
      n = 0;
    }
    batch.push(t);
    n += t.members.length;
  }
  if (batch.length) out.push(batch);
  return out;
}

/** The plan in the compact form the load worker takes: per tube its site code and members' ID numbers. */
export function tubePlan(tubes: Tube[], poolSize: number) {
  return { poolSize, tubes: tubes.map((t) => ({ site: t.site, people: t.members.map((m) => m.idNumber) })) };
}
export type TubePlan = ReturnType<typeof tubePlan>;

export interface Server {
  app: FastifyInstance;
  url: string;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application (buildApp), listening on a free loopback port, production settings, no request log. */
export async function startServer(city: City): Promise<Server> {
  const config = loadConfig({ NODE_ENV: 'production', CORDON_SECRET: city.secret }, { logLevel: 'silent', loginLimitPerMinute: 10_000 });
  const app = await buildApp(config, { db: city.db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    async token(username: string) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
      return r.json().token as string;
    },
    close: () => app.close(),
  };
}

/** Percentile of a list of numbers (nearest rank), rounded to 0.1. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] * 10) / 10;
}

/** A short random tag that keeps round names and tube codes of repeated runs apart. */
export const runTag = () => Math.random().toString(36).slice(2, 7).toUpperCase();
