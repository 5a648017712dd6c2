// A server process for tests that kill it: migrate, seed a small demo city on first start, listen,
// print "READY <port>". No web build, no graceful shutdown on purpose — the test sends SIGKILL.
import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { openAndMigrate, seedDemoIfEmpty } from '../bootstrap.ts';

const config = loadConfig();
const db = await openAndMigrate(config);
await seedDemoIfEmpty(config, db);
const app = await buildApp(config, { db, closeDb: true });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
