// The sampler's sync pass against a small fake of the registration API (idempotent by clientId,
// tubes with a capacity, per-item errors in details.items like the real one).
import { describe, expect, it } from 'vitest';
import { makeIdCard } from '../../../../domain/id-card.ts';
import { ApiError } from '../../api/client.ts';
import { memorySamplerDb, type SamplerDb } from './sampler-db.ts';
import { createSamplerStore, type SamplerStore } from './sampler-store.ts';
import type { RegistrationInput, RegistrationOutcomeView, TubeRecord } from './sampler-types.ts';
import { backoffMs, syncOnce, type SyncTransport } from './sync-engine.ts';
import { tubeFill } from './tube-fill.ts';

const at = new Date('2022-04-01T08:00:00+08:00');
const now = () => at;
const person = (n: number) => makeIdCard('990101', '1980-01-01', n, n % 2 ? 'M' : 'F');

/** Stores each clientId once; unknown people (sequence ≥ 900) are refused with details.items. */
function fakeServer() {
  const stored = new Map<string, RegistrationOutcomeView>();
  const tubes = new Map<string, { capacity: number; members: number; sealed: boolean }>();
  let ids = 0;
  const calls: RegistrationInput[][] = [];
  let failNext: ApiError | 'after-store' | null = null;
  const transport: SyncTransport = {
    async register(items) {
      calls.push(items);
      if (failNext instanceof ApiError) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      const errors = items.flatMap((it, index) =>
        Number(it.person.slice(14, 17)) >= 900 && !stored.has(it.clientId)
          ? [{ index, clientId: it.clientId, code: 'SAMPLE_PERSON_UNKNOWN', message: `Nobody with ${it.person}` }]
          : [],
      );
      if (errors.length) throw new ApiError(400, errors[0].code, errors[0].message, { items: errors });
      const out = items.map((it) => {
        const prior = stored.get(it.clientId);
        if (prior) return { ...prior, replayed: true };
        const tube = tubes.get(it.tubeCode) ?? { capacity: it.capacity ?? 20, members: 0, sealed: false };
        tubes.set(it.tubeCode, tube);
        tube.members++;
        if (tube.members >= tube.capacity || it.seal) tube.sealed = true;
        const o: RegistrationOutcomeView = {
          clientId: it.clientId, sampleId: ++ids, replayed: false, repeat: false, slot: tube.members,
          tube: { code: it.tubeCode, kind: it.tubeKind ?? 'pool', capacity: tube.capacity, members: tube.members, sealed: tube.sealed },
          person: { id: ids, name: '张三丰', idNumber: it.person },
        };
        stored.set(it.clientId, o);
        return o;
      });
      if (failNext === 'after-store') {
        failNext = null;
        throw new ApiError(0, 'NETWORK_ERROR', 'connection reset'); // stored, but the answer was lost
      }
      return out.map((o) => ({ ...o, tube: { ...o.tube, members: tubes.get(o.tube.code)!.members, sealed: tubes.get(o.tube.code)!.sealed } }));
    },
    async seal(code) {
      const tube = tubes.get(code);
      if (!tube) throw new ApiError(404, 'TUBE_UNKNOWN', `No tube ${code}`);
      tube.sealed = true;
      return { code, kind: 'pool', capacity: tube.capacity, members: tube.members, sealed: true };
    },
  };
  return { transport, stored, tubes, calls, fail: (e: ApiError | 'after-store') => (failNext = e) };
}

let clientIds = 0;

async function samplerWith(tubeCode: string, people: number[], mode: TubeRecord['mode'] = 'pool20'): Promise<{ db: SamplerDb; store: SamplerStore; tube: TubeRecord }> {
  const db = memorySamplerDb();
  const store = createSamplerStore(db);
  const opened = await store.openTube({ code: tubeCode, roundId: 1, siteCode: 'S1', mode, at });
  if (!opened.ok) throw new Error('tube not opened');
  for (const p of people) await store.enqueue({ clientId: `00000000-0000-4000-8000-${String(++clientIds).padStart(12, '0')}`, tube: opened.tube, person: person(p), at });
  return { db, store, tube: opened.tube };
}

describe('syncOnce', () => {
  it('sends the queue, keeps the masked answers and the tube fill, and empties the queue', async () => {
    const server = fakeServer();
    const { db, store } = await samplerWith('T1', [1, 2, 3]);
    const r = await syncOnce(db, server.transport, now);
    expect(r).toMatchObject({ outcome: 'done', sent: 3, rejected: 0 });
    const s = await store.snapshot();
    expect(s.queue).toHaveLength(0);
    expect(s.sent.map((x) => x.outcome.slot).sort()).toEqual([1, 2, 3]);
    expect(s.sent[0].outcome.person.name).toBe('张*丰');
    expect(s.sent[0].outcome.person.idNumber).toMatch(/^990101\*{8}\d{3}[\dX]$/);
    expect(s.tubes[0].server).toMatchObject({ members: 3, capacity: 20, sealed: false });
    expect(server.calls[0][0]).toMatchObject({ roundId: 1, tubeCode: 'T1', tubeKind: 'pool', capacity: 20, siteCode: 'S1', collectedAt: at.toISOString() });
  });

  it('marks the items of details.items rejected and sends the rest at once', async () => {
    const server = fakeServer();
    const { db, store, tube } = await samplerWith('T2', [1, 901, 2]);
    const r = await syncOnce(db, server.transport, now);
    expect(r).toMatchObject({ outcome: 'done', sent: 2, rejected: 1 });
    const s = await store.snapshot();
    expect(s.queue).toEqual([expect.objectContaining({ status: 'rejected', rejection: { code: 'SAMPLE_PERSON_UNKNOWN', message: expect.any(String) } })]);
    expect(server.stored.size).toBe(2);
    const fill = tubeFill(tube, s.queue, s.sent);
    expect(fill.used).toBe(2);
    expect(fill.slots.map((x) => x.state)).toEqual(['sent', 'sent', 'rejected']);
    await store.removeQueued(s.queue[0].clientId);
    expect((await store.snapshot()).queue).toHaveLength(0);
  });

  it('keeps everything queued on a network error or a 5xx, and stops at a 401', async () => {
    for (const [err, outcome] of [
      [new ApiError(0, 'NETWORK_ERROR', 'offline'), 'offline'],
      [new ApiError(503, 'DB_UNAVAILABLE', 'down'), 'failed'],
      [new ApiError(401, 'AUTH_REQUIRED', 'expired'), 'auth'],
    ] as const) {
      const server = fakeServer();
      const { db, store } = await samplerWith('T3', [1, 2]);
      server.fail(err);
      expect((await syncOnce(db, server.transport, now)).outcome).toBe(outcome);
      expect((await store.snapshot()).queue.filter((q) => q.status === 'queued')).toHaveLength(2);
    }
  });

  it('resends a batch whose answer was lost without storing anything twice', async () => {
    const server = fakeServer();
    const { db, store } = await samplerWith('T4', [1, 2, 3]);
    server.fail('after-store');
    expect((await syncOnce(db, server.transport, now)).outcome).toBe('offline');
    expect(server.stored.size).toBe(3);
    expect((await store.snapshot()).queue).toHaveLength(3);
    const r = await syncOnce(db, server.transport, now);
    expect(r).toMatchObject({ outcome: 'done', sent: 0, replayed: 3 });
    expect(server.tubes.get('T4')?.members).toBe(3);
    expect((await store.snapshot()).queue).toHaveLength(0);
  });

  it('splits a batch refused without details.items, so the error lands on its item', async () => {
    const server = fakeServer();
    const { db, store } = await samplerWith('T5', [1, 2, 3]);
    server.fail(new ApiError(400, 'VALIDATION_FAILED', 'body/items/1 must match format "uuid"'));
    const r = await syncOnce(db, server.transport, now);
    // The whole batch failed once without saying which item; sent one by one, they all pass.
    expect(r).toMatchObject({ outcome: 'done', sent: 3 });
    expect(server.calls.slice(1).every((c) => c.length === 1)).toBe(true);
    expect((await store.snapshot()).queue).toHaveLength(0);
  });

  it('seals on the last queued registration, or with POST …/seal when nothing is queued', async () => {
    const server = fakeServer();
    const a = await samplerWith('T6', [1, 2]);
    await a.store.seal('T6');
    expect((await a.store.snapshot()).queue.at(-1)?.item.seal).toBe(true);
    await syncOnce(a.db, server.transport, now);
    expect((await a.store.snapshot()).tubes[0]).toMatchObject({ seal: 'done', closed: true, server: { sealed: true, members: 2 } });

    const b = await samplerWith('T7', [3]);
    await syncOnce(b.db, server.transport, now);
    await b.store.seal('T7');
    const r = await syncOnce(b.db, server.transport, now);
    expect(r.sealed).toBe(1);
    expect(server.tubes.get('T7')?.sealed).toBe(true);
    expect((await b.store.snapshot()).tubes[0].seal).toBe('done');
  });

  it('reports idle with nothing to do and backs off 5 s, 10 s, 20 s … up to 60 s', async () => {
    const server = fakeServer();
    expect((await syncOnce(memorySamplerDb(), server.transport, now)).outcome).toBe('idle');
    expect(server.calls).toHaveLength(0);
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });
});

describe('sampler store', () => {
  it('refuses to resume a full or sealed tube and resumes one with room', async () => {
    const { store, tube } = await samplerWith('T8', [1], 'single');
    expect(await store.openTube({ code: 'T8', roundId: 1, siteCode: null, mode: 'single', at })).toEqual({ ok: false, code: 'TUBE_FULL' });
    const other = await samplerWith('T9', [1, 2]);
    expect(await other.store.openTube({ code: 'T9', roundId: 1, siteCode: null, mode: 'pool20', at })).toMatchObject({ ok: true, resumed: true });
    expect(await other.store.openTube({ code: 'T9', roundId: 2, siteCode: null, mode: 'pool20', at })).toEqual({ ok: false, code: 'TUBE_ALREADY_USED' });
    await other.store.seal('T9');
    expect(await other.store.openTube({ code: 'T9', roundId: 1, siteCode: null, mode: 'pool20', at })).toEqual({ ok: false, code: 'TUBE_SEALED' });
    expect(tube.capacity).toBe(1);
  });
});
