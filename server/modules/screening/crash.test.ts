// Nothing acknowledged is lost (DESIGN §16): registrations stream into a real server process, which
// is killed with SIGKILL mid-stream; after a restart every batch is sent again, and every
// registration the first server acknowledged is there, stored once, and nothing is stored twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '../../testing/engines.ts';
import { describeEachEngine } from '../../testing/app.ts';
import { generatePersons } from '../../../sim/population.ts';
import { dayInZone } from '../../../domain/time.ts';

const PEOPLE = 300;
const SECRET = 'crash-test-secret-crash-test-secret-0123';

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/serve-for-test.ts'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', CORDON_SECRET: SECRET, CORDON_DEMO_PEOPLE: String(PEOPLE), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 120_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/READY/.test(out)) reject(new Error(`server exited ${code}: ${err}`));
    });
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function call(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const login = async (base: string, username: string) => (await call(base, null, 'POST', '/api/auth/login', { username, password: 'cordon-demo' })).body.token as string;

describeEachEngine('registrations survive a killed server', (engine) => {
  let dir: string;
  let testDb: TestDb | null = null;
  let env: Record<string, string>;
  let server: { child: ChildProcess; base: string } | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-crash-'));
    env = { CORDON_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    if (engine === 'postgres') {
      testDb = await createTestDb('postgres', 'empty');
      await testDb.db.close();
      env.DATABASE_URL = testDb.databaseUrl!;
    }
  });
  afterAll(async () => {
    if (server) await killed(server.child);
    if (testDb) await testDb.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged registration through a SIGKILL and stores nothing twice on replay', async () => {
    server = await startServer(env);
    const admin = await login(server.base, 'admin');
    const [city] = (await call(server.base, admin, 'GET', '/api/places?q=990100')).body.items;
    const start = new Date(Date.now() - 3_600_000);
    const round = await call(server.base, admin, 'POST', '/api/screening/rounds', {
      name: `kill-9-${engine}`, placeIds: [city.id], startsAt: start.toISOString(), deadline: new Date(start.getTime() + 86_400_000).toISOString(),
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    // The seeded residents, generated again here: the population is a function of its seed.
    const residents = [...generatePersons({ people: PEOPLE, seed: 1, asOf: dayInZone(new Date(), 'Asia/Shanghai') })].filter((p) => p.idType === 'id_card');
    const batches: { items: { clientId: string; roundId: number; tubeCode: string; person: string; capacity: number }[] }[] = [];
    for (let b = 0; b * 25 < residents.length; b++) {
      const chunk = residents.slice(b * 25, b * 25 + 25);
      batches.push({ items: chunk.map((p, i) => ({ clientId: randomUUID(), roundId: round.body.id, tubeCode: `K${engine[0]}${b}T${Math.floor(i / 5)}`, person: p.idNumber, capacity: 5 })) });
    }
    const total = batches.reduce((n, b) => n + b.items.length, 0);

    // Two senders; the server is killed once a few batches have been acknowledged.
    const acknowledged = new Set<string>();
    const sampler = await login(server.base, 'admin');
    let next = 0;
    let killedAt = -1;
    const live = server;
    const sender = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        try {
          const res = await call(live.base, sampler, 'POST', '/api/screening/registrations', batch);
          if (res.status === 201 || res.status === 200) for (const it of batch.items) acknowledged.add(it.clientId);
          else throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
        } catch (err) {
          if (killedAt < 0) throw err;
          return; // the server is gone
        }
        if (acknowledged.size >= 75 && killedAt < 0) {
          killedAt = acknowledged.size;
          void killed(live.child);
        }
      }
    };
    await Promise.all([sender(), sender()]);
    expect(killedAt).toBeGreaterThan(0);
    await killed(live.child);
    expect(acknowledged.size).toBeLessThan(total);

    // Restart on the same database and send everything again.
    const t0 = Date.now();
    server = await startServer(env);
    console.log(`restart took ${Date.now() - t0} ms`);
    const token = await login(server.base, 'admin');
    for (const batch of batches) {
      const res = await call(server.base, token, 'POST', '/api/screening/registrations', batch);
      expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
      for (const [i, answer] of (res.body.items as { clientId: string; replayed: boolean }[]).entries()) {
        // What the first server acknowledged is found again, never stored a second time.
        if (acknowledged.has(batch.items[i].clientId)) expect(answer.replayed).toBe(true);
      }
    }
    const status = (await call(server.base, token, 'GET', `/api/screening/rounds/${round.body.id}/status`)).body;
    expect(status.samples).toBe(total);
    expect(status.sampled).toBe(total);
    expect(status.repeats).toBe(0);
    expect(status.tubes).toBe(batches.reduce((n, b) => n + new Set(b.items.map((x) => x.tubeCode)).size, 0));
  }, 240_000);
});
