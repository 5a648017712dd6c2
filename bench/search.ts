// search: person search (name prefix, ID number and phone through keyed hashes) and census coverage
// rollups under concurrent requests, with autocannon against a real listening server on loopback.
// Baseline in the same run: GET /healthz at the same concurrency (the HTTP floor of this machine).
// Needs a city of N people: by default one is seeded into a fresh database (about 2 minutes for
// 1,000,000 on PostgreSQL); --database-url with --secret reuses an already seeded one.
import autocannon from 'autocannon';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase, type Db } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { seedDemoCity } from '../sim/seed-demo.ts';
import { freshDb, type BenchOptions, type BenchResult } from './harness.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-00';

async function cannon(url: string, token: string, paths: string[], seconds: number, connections: number) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function pick<T>(xs: T[], n: number): T[] {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, k) => k % step === 0).slice(0, n);
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const people = Number(opts.args.people ?? 1_000_000);
  const seconds = Number(opts.args.seconds ?? 20);
  const connections = Number(opts.args.connections ?? 10);
  let db: Db;
  let drop = async () => {};
  let secret = SECRET;
  if (opts.args['database-url']) {
    db = await openDatabase({ databaseUrl: opts.args['database-url'], dataDir: '' });
    await migrate(db);
    secret = opts.args.secret ?? SECRET;
  } else {
    const fresh = await freshDb(opts.engine);
    db = fresh.db;
    drop = fresh.drop;
    console.error(`search: seeding a city of ${people} people`);
    await seedDemoCity({ db, clock: () => new Date(), secret, timeZone: 'Asia/Shanghai' }, { userId: null, username: 'bench', requestId: null }, { people, seed: 1, round: false });
  }
  const config = loadConfig({ NODE_ENV: 'production', CORDON_SECRET: secret }, { logLevel: 'silent', loginLimitPerMinute: 1000 });
  const app = await buildApp(config, { db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'commander', password: 'cordon-demo' } });
    const token = login.json().token as string;
    const k = db.kysely;
    const persons = await k.selectFrom('persons').select(['id_number', 'phone', 'name']).orderBy('id').limit(200_000).execute();
    const sample = pick(persons, 300);
    const places = await k.selectFrom('places').select(['id', 'kind']).where('kind', 'in', ['city', 'district', 'subdistrict', 'community', 'grid', 'building']).execute();
    const searchPaths = [
      ...sample.map((p) => `/api/persons?q=${encodeURIComponent(p.name.slice(0, 1))}&limit=20`),
      ...sample.map((p) => `/api/persons?q=${p.id_number}`),
      ...sample.filter((p) => p.phone).map((p) => `/api/persons?q=${p.phone}`),
    ];
    // Every level of the tree, from the city down to single buildings.
    const coveragePaths = ['city', 'district', 'subdistrict', 'community', 'grid', 'building'].flatMap((kind) =>
      pick(places.filter((p) => p.kind === kind), 70).map((p) => `/api/census/coverage/${p.id}`),
    );
    const mixed = searchPaths.flatMap((p, n) => (n % 3 === 0 && coveragePaths[n / 3] ? [p, coveragePaths[n / 3]] : [p]));

    console.error(`  baseline: /healthz, ${connections} connections, ${seconds} s`);
    const baseline = await cannon(url, token, ['/healthz'], seconds, connections);
    console.error(`  search + coverage mix (${mixed.length} distinct requests)`);
    const measured = await cannon(url, token, mixed, seconds, connections);

    // One request per level, alone, for the record.
    const upper: Record<string, number> = {};
    for (const kind of ['community', 'subdistrict', 'district', 'city']) {
      const p = await k.selectFrom('places').select('id').where('kind', '=', kind).limit(1).executeTakeFirstOrThrow();
      const t0 = performance.now();
      await app.inject({ url: `/api/census/coverage/${p.id}`, headers: { authorization: `Bearer ${token}` } });
      upper[`coverage_${kind}_ms`] = Math.round(performance.now() - t0);
    }
    return {
      params: { people: Number((await k.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), seconds, connections, target: 'p99 < 100 ms, zero errors' },
      metrics: { ...measured, ...upper },
      baseline,
      ratio: measured.rps / baseline.rps,
    };
  } finally {
    await app.close();
    await db.close();
    await drop();
  }
}
