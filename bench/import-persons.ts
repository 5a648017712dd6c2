// import-persons: a 1,000,000-row residents CSV imported into PostgreSQL through the importer
// (streaming parse, validation, keyed hashes, household resolution, batched upserts, audit), against
// a raw COPY of the same rows (already validated and hashed) into an identical database in the same run.
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { stringify } from 'csv-stringify';
import { generatePlaces } from '../sim/city.ts';
import { generatePersons } from '../sim/population.ts';
import { createPlaceLoader } from '../server/modules/places/place-loader.ts';
import { importPersonsFile } from '../server/modules/persons/import.ts';
import { idHashOf, phoneHashOf } from '../server/modules/persons/service.ts';
import { openDatabase } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { seconds, type BenchOptions, type BenchResult } from './harness.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-00';
const ACTOR = { userId: null, username: 'bench', requestId: null };
const AS_OF = '2026-11-23';

const adminUrl = () => process.env.CORDON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (name: string) => Object.assign(new URL(adminUrl()), { pathname: '/' + name }).toString();

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

async function writeCsv(file: string, people: number) {
  const out = createWriteStream(file);
  const csv = stringify({ header: true, columns: ['id_type', 'id_number', 'name', 'sex', 'birth_date', 'phone', 'household_code', 'tags'] });
  csv.pipe(out);
  for (const p of generatePersons({ people, seed: 1, asOf: AS_OF })) {
    if (!csv.write([p.idType, p.idNumber, p.name, p.sex, p.birthDate, p.phone ?? '', p.householdCode, p.tags.join(';')])) await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
}

/** The same people as COPY text rows, already in their stored form. */
async function* copyRows(people: number, householdIds: Map<string, number>) {
  const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
  let chunk = '';
  for (const p of generatePersons({ people, seed: 1, asOf: AS_OF })) {
    const fields = [
      p.idType, p.idNumber, idHashOf(SECRET, { idType: p.idType, idNumber: p.idNumber }), p.name, p.sex, p.birthDate,
      p.phone, p.phone ? phoneHashOf(SECRET, p.phone) : null, String(householdIds.get(p.householdCode)), p.residenceType,
      `{${p.tags.join(',')}}`, p.needs,
    ];
    chunk += fields.map(esc).join('\t') + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  if (opts.engine !== 'postgres') throw new Error('import-persons measures PostgreSQL (the target is against COPY)');
  const people = Number(opts.args.people ?? (opts.xl ? 10_000_000 : 1_000_000));
  const tag = Math.random().toString(16).slice(2, 8);
  const base = `cordon_bench_base_${tag}`;
  const [a, b] = [`cordon_bench_imp_${tag}`, `cordon_bench_copy_${tag}`];
  mkdirSync('.tmp', { recursive: true });
  const file = `.tmp/bench-persons-${people}.csv`;

  console.error(`import-persons: preparing the city's places for ${people} people and the CSV`);
  await admin(`CREATE DATABASE ${base}`);
  const baseDb = await openDatabase({ databaseUrl: dbUrl(base), dataDir: '' });
  await migrate(baseDb);
  const loader = createPlaceLoader({ db: baseDb, clock: () => new Date() }, ACTOR, { all: true }, { batchSize: 5000 });
  let row = 0;
  for (const p of generatePlaces({ people, seed: 1 })) await loader.add({ row: ++row, code: p.code, parentCode: p.parentCode, kind: p.kind, name: p.name, sortOrder: p.sortOrder, lat: p.lat, lng: p.lng, geometry: p.geometry });
  await loader.finish();
  const householdIds = new Map(
    (await baseDb.kysely.selectFrom('places').select(['id', 'code']).where('kind', '=', 'household').execute()).map((h) => [h.code, h.id]),
  );
  await baseDb.close();
  await admin(`CREATE DATABASE ${a} TEMPLATE ${base}`);
  await admin(`CREATE DATABASE ${b} TEMPLATE ${base}`);
  await writeCsv(file, people);
  const fileMB = statSync(file).size / 1024 / 1024;

  try {
    console.error(`  importing ${file} (${fileMB.toFixed(0)} MB) through the importer`);
    const dbA = await openDatabase({ databaseUrl: dbUrl(a), dataDir: '' });
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    let t0 = process.hrtime.bigint();
    const summary = await importPersonsFile({ db: dbA, clock: () => new Date(), secret: SECRET, timeZone: 'Asia/Shanghai' }, ACTOR, { all: true }, file);
    const importSeconds = seconds(t0);
    clearInterval(sampler);
    await dbA.close();
    if (summary.rejected) throw new Error(`rejected rows: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    console.error(`  importer: ${summary.accepted} rows in ${importSeconds.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);

    console.error('  raw COPY of the same rows');
    const client = new pg.Client({ connectionString: dbUrl(b) });
    await client.connect();
    t0 = process.hrtime.bigint();
    const copy = client.query(
      copyFrom('COPY persons (id_type, id_number, id_hash, name, sex, birth_date, phone, phone_hash, household_id, residence_type, tags, needs) FROM STDIN'),
    );
    await pipeline(Readable.from(copyRows(people, householdIds)), copy);
    const copySeconds = seconds(t0);
    const copied = Number((await client.query('SELECT count(*) AS n FROM persons')).rows[0].n);
    await client.end();
    console.error(`  COPY: ${copied} rows in ${copySeconds.toFixed(1)} s`);

    const importRate = summary.accepted / importSeconds;
    const copyRate = copied / copySeconds;
    return {
      params: { people, csvMB: Math.round(fileMB), batch: 5000, target: 'ratio >= 0.3 and peak RSS < 1 GB' },
      metrics: { rows: summary.accepted, seconds: importSeconds, rowsPerSecond: Math.round(importRate), peakRssMB: Math.round(peakRss / 1048576) },
      baseline: { rows: copied, seconds: copySeconds, rowsPerSecond: Math.round(copyRate) },
      ratio: importRate / copyRate,
    };
  } finally {
    for (const d of [a, b, base]) await admin(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => {});
    rmSync(file, { force: true });
  }
}
