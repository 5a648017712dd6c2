// bin/cordon — the command line. Same database settings as the server (DATABASE_URL or the PGlite
// data dir); results as JSON on stdout, progress and messages on stderr.
import { Command, InvalidArgumentError } from 'commander';
import { createWriteStream, constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { tableFormat } from '../server/platform/tabular.ts';
import { loadConfig, ConfigError } from '../server/platform/config.ts';
import { AppError } from '../server/platform/errors.ts';
import { DataDirLockedError } from '../server/platform/data-dir-lock.ts';
import { MigrationError, migrate } from '../server/platform/migrate.ts';
import { openDatabase, type Db } from '../server/platform/db.ts';
import { openAndMigrate, SYSTEM_ACTOR, demoLoginsText } from '../server/bootstrap.ts';
import { seedDemoCity } from '../sim/seed-demo.ts';
import { planCity } from '../sim/city.ts';
import { createUser, hasUsers } from '../server/modules/auth/service.ts';
import { importPlacesFile, exportPlaces } from '../server/modules/places/import-export.ts';
import { importPersonsFile } from '../server/modules/persons/import.ts';
import { progress } from './progress.ts';
import { recountRollup } from '../server/modules/census/rollup.ts';
import { registerAnalyzeCommands } from './analyze.ts';
import { registerSimulateCommands } from './simulate.ts';
import { importLabResultsFile, importSamplesFile } from '../server/modules/screening/import.ts';
import { findRoundRef, roundStatus } from '../server/modules/screening/round-service.ts';
import { exportLabResults } from '../server/modules/screening/result-export.ts';
import { userInfo } from 'node:os';

const IMPORT_KINDS = ['places', 'persons', 'samples', 'lab-results', 'cases', 'venue-scans'] as const;
const BUILT_IMPORTS = new Set(['places', 'persons', 'samples', 'lab-results']);

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

const cliActor = () => ({ ...SYSTEM_ACTOR, username: `cli:${userInfo().username}` });
const clock = () => new Date();

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openAndMigrate(loadConfig());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

const program = new Command('cordon').description('Cordon 疫情防控指挥平台 — command line').showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(db);
      print({ applied, engine: db.engine });
    } finally {
      await db.close();
    }
  });

const seed = program.command('seed').description('load generated data');
seed
  .command('demo')
  .description('generate and load the demo city (演示市) with its demo users')
  .option('--people <n>', 'people the city is sized for', positiveInt, 20000)
  .option('--seed <s>', 'random seed (same seed, same city)', positiveInt, 1)
  .action(async (opts: { people: number; seed: number }) => {
    await withDb(async (db) => {
      if (await hasUsers(db)) throw new AppError(409, 'SEED_NOT_EMPTY', 'The database already has users; seed demo runs on an empty database');
      const plan = planCity(opts);
      const bar = progress('places', plan.places + plan.facilities);
      const t0 = Date.now();
      const config = loadConfig();
      const r = await seedDemoCity({ db, clock, secret: config.secret, timeZone: config.timeZone }, cliActor(), { ...opts, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      print({ people: r.persons.created, seed: r.seed, places: plan.places, facilities: plan.facilities, households: plan.households, users: r.users, seconds: (Date.now() - t0) / 1000 });
      process.stderr.write(demoLoginsText() + '\n');
    });
  });

const users = program.command('users').description('user accounts');
users
  .command('add <username>')
  .description('create a user with one or more roles')
  .requiredOption('--role <role...>', 'role, optionally role@PLACE_CODE to scope it (no place = whole tree)')
  .option('--name <display name>', 'display name')
  .option('--password <password>', 'password (or --password-stdin)')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username: string, opts: { role: string[]; name?: string; password?: string; passwordStdin?: boolean }) => {
    const password = opts.passwordStdin ? (await readStdin()).trim() : opts.password;
    if (!password) throw new AppError(400, 'USER_PASSWORD_REQUIRED', 'Give --password or --password-stdin');
    const roles = opts.role.map((r) => {
      const [role, placeCode] = r.split('@');
      return { role, placeCode: placeCode || null };
    });
    await withDb(async (db) => {
      const u = await createUser({ db, clock }, cliActor(), { username, displayName: opts.name, password, roles });
      print({ id: u.id, username: u.username, roles });
    });
  });

program
  .command('import <kind> <file>')
  .description(`import a .csv or .xlsx file; kind: ${IMPORT_KINDS.join(', ')}`)
  .action(async (kind: string, file: string) => {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new AppError(400, 'IMPORT_KIND_UNKNOWN', `Unknown import kind ${kind}; one of ${IMPORT_KINDS.join(', ')}`);
    if (!BUILT_IMPORTS.has(kind)) throw new AppError(400, 'IMPORT_KIND_NOT_AVAILABLE', `Importing ${kind} is not available in this version yet`);
    // Check the file before opening the database: a typo should not cost a database start.
    tableFormat(file);
    await access(file, constants.R_OK).catch(() => {
      throw new AppError(400, 'IMPORT_FILE_UNREADABLE', `Cannot read ${file}`);
    });
    await withDb(async (db) => {
      const config = loadConfig();
      const bar = progress(`import ${kind}`, 0);
      const onBatch = (s: { accepted: number; rejected: number }) => bar.update(s.accepted + s.rejected);
      const deps = { db, clock, secret: config.secret, timeZone: config.timeZone };
      const scope = { all: true } as const;
      const summary =
        kind === 'places'
          ? await importPlacesFile({ db, clock }, cliActor(), scope, file, onBatch)
          : kind === 'persons'
            ? await importPersonsFile(deps, cliActor(), scope, file, onBatch)
            : kind === 'samples'
              ? await importSamplesFile(deps, cliActor(), scope, file, onBatch)
              : await importLabResultsFile(deps, cliActor(), scope, file, (s) => bar.update(s.accepted + s.rejected + s.unmatched + s.unchanged));
      bar.stop();
      print(summary);
    });
  });

program
  .command('export <kind>')
  .description('export data; kind: places, lab-results')
  .option('--format <format>', 'csv or xlsx (places, lab-results), fhir (lab-results)', 'xlsx')
  .option('--root <code>', 'places: code of the subtree to export (default: every root)')
  .option('--round <round>', 'lab-results: the round, by name or id')
  .option('--out <file>', 'output file (default: standard output)')
  .action(async (kind: string, opts: { format: string; root?: string; round?: string; out?: string }) => {
    if (kind !== 'places' && kind !== 'lab-results') throw new AppError(400, 'EXPORT_KIND_NOT_AVAILABLE', `Exporting ${kind} is not available in this version yet`);
    const formats = kind === 'places' ? ['csv', 'xlsx'] : ['csv', 'xlsx', 'fhir'];
    if (!formats.includes(opts.format)) throw new AppError(400, 'EXPORT_FORMAT_INVALID', `${kind} export as ${formats.join(', ')}`);
    if (kind === 'lab-results' && !opts.round) throw new AppError(400, 'EXPORT_ROUND_REQUIRED', 'Give --round <name or id>');
    await withDb(async (db) => {
      const out = opts.out ? createWriteStream(opts.out) : process.stdout;
      const rows =
        kind === 'places'
          ? await exportPlaces({ db, clock }, { all: true }, { rootCode: opts.root ?? null, format: opts.format as 'csv' | 'xlsx' }, out)
          : await exportLabResults(db.kysely, (await findRoundRef(db.kysely, opts.round!)).id, opts.format as 'csv' | 'xlsx' | 'fhir', out);
      if (opts.out) await new Promise((r) => (out as ReturnType<typeof createWriteStream>).close(r));
      process.stderr.write(`exported ${rows} rows\n`);
    });
  });

program
  .command('census')
  .description('census maintenance')
  .command('recount')
  .description('rebuild the coverage rollup from the records (after a restore or a manual repair)')
  .action(async () => {
    await withDb(async (db) => {
      const t0 = Date.now();
      await recountRollup(db.kysely);
      print({ recounted: true, seconds: (Date.now() - t0) / 1000 });
    });
  });

program
  .command('round')
  .description('testing rounds')
  .command('status <round>')
  .description('progress of a round (by name or id) as JSON')
  .action(async (ref: string) => {
    await withDb(async (db) => {
      const round = await findRoundRef(db.kysely, ref);
      print(await roundStatus(db.kysely, round, clock()));
    });
  });

registerAnalyzeCommands(program);
registerSimulateCommands(program, { withDb, cliActor });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

program.parseAsync().catch((err) => {
  if (err instanceof AppError) {
    process.stderr.write(`error ${err.code}: ${err.message}\n`);
    process.exit(err.status >= 500 ? 1 : 2);
  }
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof MigrationError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
