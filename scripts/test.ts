// `npm test`: type check, unit and integration tests on PGlite and PostgreSQL (vitest), then the
// browser tests in Debian's Chromium. Ends with one line "N passed, N failed".
// Outside CI a missing PostgreSQL or Chromium is reported and that part skipped; under CI=true it fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
let passed = 0;
let failed = 0;
const notes: string[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: process.env.CORDON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

mkdirSync('artifacts', { recursive: true });

// 1. Type check.
const tsc = run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
if (tsc.status === 0) passed++;
else {
  failed++;
  notes.push('type check failed');
}

// 2. Unit and integration tests on both engines.
const engines = ['pglite'];
if (await postgresReachable()) engines.push('postgres');
else if (ci) {
  console.error('PostgreSQL is not reachable and CI=true: failing (see .ci/run).');
  failed++;
} else notes.push('PostgreSQL not reachable: database tests ran on PGlite only (start PostgreSQL or run .ci/run)');
const vitest = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest.json'], {
  CORDON_TEST_ENGINES: engines.join(','),
});
if (existsSync('artifacts/vitest.json')) {
  const report = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!report.success && report.numFailedTests === 0) {
    failed++;
    notes.push('vitest reported a failure outside tests (a suite failed to load)');
  }
} else {
  failed++;
  notes.push('vitest did not run');
}
if (vitest.status !== 0 && failed === 0) failed++;

// 3. Browser tests.
if (existsSync('/usr/bin/chromium')) {
  const e2e = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/run.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(e2e.stdout ?? '');
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (!m || (e2e.status !== 0 && Number(m[2]) === 0)) {
    failed++;
    notes.push('browser tests did not finish');
  }
} else if (ci) {
  console.error('/usr/bin/chromium is missing and CI=true: failing (apt-get install -y chromium).');
  failed++;
} else notes.push('Chromium not installed: browser tests skipped (apt-get install -y chromium fonts-noto-cjk)');

for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
