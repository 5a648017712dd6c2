// Start-up steps shared by the server and the CLI: open + migrate, and the first-run demo seed.
import type { Config } from './platform/config.ts';
import { openDatabase, type Db } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { hasUsers } from './modules/auth/service.ts';
import { seedDemoCity, DEMO_PASSWORD, DEMO_USERS, type SeedResult } from '../sim/seed-demo.ts';
import type { Actor } from './platform/audit.ts';

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', requestId: null };

export async function openAndMigrate(config: Config): Promise<Db> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** DESIGN §13: the demo seed runs when the database has no users, never in production. */
export async function seedDemoIfEmpty(
  config: Config,
  db: Db,
  onProgress?: (done: number, total: number) => void,
): Promise<SeedResult | null> {
  if (!config.demo || config.nodeEnv === 'production') return null;
  if (await hasUsers(db)) return null;
  return seedDemoCity({ db, clock: () => new Date(), secret: config.secret, timeZone: config.timeZone }, SYSTEM_ACTOR, { people: config.demoPeople, seed: 1, onProgress });
}

export function demoLoginsText(): string {
  const lines = DEMO_USERS.map((u) => `  ${u.username.padEnd(10)} ${u.displayName}`);
  return `Demo logins (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}`;
}
