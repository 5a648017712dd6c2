// The server process: config → database (migrate, first-run demo seed) → web build if missing → listen.
import closeWithGrace from 'close-with-grace';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from './platform/config.ts';
import { buildApp } from './app.ts';
import { openAndMigrate, seedDemoIfEmpty, demoLoginsText } from './bootstrap.ts';
import { WEB_DIST } from './web.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time of the files the web build is made from (web sources and shared domain/). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it is missing or older than its sources (a fresh clone, a pull). */
function ensureWebBuilt() {
  const index = WEB_DIST + 'index.html';
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestSource(root + 'web'), newestSource(root + 'domain'))) return;
  console.log('Building the web app…');
  const r = spawnSync(process.execPath, [root + 'node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

async function main() {
  const config = loadConfig();
  const db = await openAndMigrate(config);
  try {
    const t0 = Date.now();
    const result = await seedDemoIfEmpty(config, db, (done, total) => {
      if (done === total || done % 50000 < 5000) process.stdout.write(`\rSeeding demo city: ${done}/${total} places, facilities and people`);
    });
    if (result) {
      console.log(`\nSeeded demo city for ${result.persons.created} people in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    }
    ensureWebBuilt();
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = await buildApp(config, { db, web: true, closeDb: true });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error, shutting down');
    else app.log.info({ signal }, 'shutting down: draining requests');
    await app.close();
  });
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`Cordon is listening on ${address.replace('0.0.0.0', 'localhost')} (database: ${db.engine}${db.engine === 'pglite' ? ' in ' + config.dataDir : ''})`);
  if (config.nodeEnv !== 'production' && config.demo) console.log(demoLoginsText());
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
