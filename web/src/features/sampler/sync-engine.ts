// One pass of the sampler's sync: send the queued registrations in batches, oldest first, then the
// seals the server does not know yet. Replays are safe (same clientId → stored once), so anything
// not acknowledged is simply sent again next time.
//   2xx                 → the items leave the queue; the answers (tube fill, masked person) are kept
//   4xx + details.items → those items are rejected (kept, shown in red); the rest is sent again at once
//   other 4xx           → the batch is split into single items, so each error lands on its own item
//   401                 → stop: the session expired (the queue waits for a new sign-in)
//   network, 5xx, 429   → stop: everything stays queued; the caller retries later with a backoff
import { maskIdNumber } from '../../../../domain/id-card.ts';
import { ApiError } from '../../api/client.ts';
import type { SamplerDb } from './sampler-db.ts';
import { maskName } from './tube-fill.ts';
import type { QueuedRegistration, RegistrationInput, RegistrationItemError, RegistrationOutcomeView, Rejection, TubeRecord, TubeStateView } from './sampler-types.ts';

export interface SyncTransport {
  register(items: RegistrationInput[]): Promise<RegistrationOutcomeView[]>;
  seal(tubeCode: string): Promise<TubeStateView>;
}

export type SyncOutcome = 'idle' | 'done' | 'offline' | 'failed' | 'auth';

export interface SyncReport {
  outcome: SyncOutcome;
  sent: number;
  replayed: number;
  rejected: number;
  sealed: number;
  at: string;
  error?: Rejection;
}

export const BATCH_SIZE = 100;

/** Worth trying again later as it is: the network, the server's own trouble, rate limits, timeouts. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status >= 500 || err.status === 408 || err.status === 429;
}

/** `details.items` of a rejected batch, when the answer has them. */
export function itemErrors(err: unknown): RegistrationItemError[] {
  if (!(err instanceof ApiError)) return [];
  const items = (err.details as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  return items.filter((e): e is RegistrationItemError => typeof e === 'object' && e !== null && typeof (e as RegistrationItemError).code === 'string');
}

const bySeq = (a: QueuedRegistration, b: QueuedRegistration) => a.seq - b.seq;
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const rejectionOf = (err: unknown): Rejection =>
  err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'NETWORK_ERROR', message: err instanceof Error ? err.message : String(err) };

async function markRejected(db: SamplerDb, items: { q: QueuedRegistration; r: Rejection }[]): Promise<void> {
  await db.write(['queue'], (tx) => {
    for (const { q, r } of items) tx.put('queue', { ...q, status: 'rejected', rejection: r });
  });
}

async function acknowledge(db: SamplerDb, batch: QueuedRegistration[], outcomes: RegistrationOutcomeView[], at: string): Promise<number> {
  const tubes = new Map((await db.all('tubes')).map((t) => [t.code, t]));
  let acked = 0;
  await db.write(['queue', 'sent', 'tubes'], (tx) => {
    for (const q of batch) {
      const outcome = outcomes.find((o) => o && sameId(o.clientId, q.clientId));
      if (!outcome) continue;
      acked++;
      tx.delete('queue', q.clientId);
      // The device keeps the answer masked: the full number left with the queued item.
      const kept = { ...outcome, person: { ...outcome.person, name: maskName(outcome.person.name), idNumber: maskIdNumber(outcome.person.idNumber) } };
      tx.put('sent', { clientId: q.clientId, seq: q.seq, tubeCode: q.item.tubeCode, roundId: q.item.roundId, scannedAt: q.scannedAt, sentAt: at, outcome: kept });
      const tube = tubes.get(q.item.tubeCode);
      if (tube) tubes.set(tube.code, withServerState(tube, outcome.tube));
    }
    for (const code of new Set(batch.map((q) => q.item.tubeCode))) {
      const tube = tubes.get(code);
      if (tube) tx.put('tubes', tube);
    }
  });
  return acked;
}

function withServerState(tube: TubeRecord, server: TubeStateView): TubeRecord {
  return {
    ...tube,
    server,
    closed: tube.closed || server.sealed,
    seal: server.sealed && tube.seal === 'pending' ? 'done' : tube.seal,
  };
}

/** Sends the registrations; returns null when the queue is drained, or the report that stops the pass. */
async function sendRegistrations(db: SamplerDb, transport: SyncTransport, report: SyncReport, now: () => Date, batchSize: number): Promise<SyncReport | null> {
  let singles = false;
  // Every turn acknowledges or rejects at least one item, or switches to singles; the bound is a guard.
  for (let guard = 0; guard < 10_000; guard++) {
    const queued = (await db.all('queue')).filter((q) => q.status === 'queued').sort(bySeq);
    if (queued.length === 0) return null;
    const batch = queued.slice(0, singles ? 1 : batchSize);
    let outcomes: RegistrationOutcomeView[];
    try {
      outcomes = await transport.register(batch.map((q) => q.item));
    } catch (err) {
      if (isTransient(err)) return { ...report, outcome: err instanceof ApiError && err.status === 0 ? 'offline' : 'failed', error: rejectionOf(err) };
      if (err instanceof ApiError && err.status === 401) return { ...report, outcome: 'auth', error: rejectionOf(err) };
      const matched = itemErrors(err).flatMap((e) => {
        const q = batch.find((b) => sameId(b.clientId, e.clientId)) ?? (Number.isInteger(e.index) ? batch[e.index] : undefined);
        return q ? [{ q, r: { code: e.code, message: e.message } }] : [];
      });
      if (matched.length) {
        await markRejected(db, matched);
        report.rejected += matched.length;
      } else if (batch.length > 1) {
        singles = true;
      } else {
        await markRejected(db, [{ q: batch[0], r: rejectionOf(err) }]);
        report.rejected++;
      }
      continue;
    }
    const acked = await acknowledge(db, batch, outcomes, now().toISOString());
    if (acked === 0) return { ...report, outcome: 'failed', error: { code: 'SYNC_ANSWER_INCOMPLETE', message: 'The server answered without these registrations' } };
    const replays = outcomes.filter((o) => o?.replayed).length;
    report.sent += acked - replays;
    report.replayed += replays;
  }
  return null;
}

/** Sends the seals the sampler asked for whose tube has nothing left in the queue. */
async function sendSeals(db: SamplerDb, transport: SyncTransport, report: SyncReport): Promise<SyncReport | null> {
  const queue = await db.all('queue');
  const pending = (await db.all('tubes')).filter((t) => t.seal === 'pending');
  for (const tube of pending) {
    if (queue.some((q) => q.status === 'queued' && q.item.tubeCode === tube.code)) continue;
    let next: TubeRecord;
    if (tube.server?.sealed) next = { ...tube, seal: 'done' };
    else {
      try {
        next = withServerState({ ...tube, seal: 'done' }, await transport.seal(tube.code));
        report.sealed++;
      } catch (err) {
        if (isTransient(err)) return { ...report, outcome: err instanceof ApiError && err.status === 0 ? 'offline' : 'failed', error: rejectionOf(err) };
        if (err instanceof ApiError && err.status === 401) return { ...report, outcome: 'auth', error: rejectionOf(err) };
        next = err instanceof ApiError && err.code === 'TUBE_SEALED' ? { ...tube, seal: 'done' } : { ...tube, seal: 'failed', sealRejection: rejectionOf(err) };
      }
    }
    await db.write(['tubes'], (tx) => tx.put('tubes', next));
  }
  return null;
}

export async function syncOnce(db: SamplerDb, transport: SyncTransport, now: () => Date, batchSize = BATCH_SIZE): Promise<SyncReport> {
  const report: SyncReport = { outcome: 'done', sent: 0, replayed: 0, rejected: 0, sealed: 0, at: now().toISOString() };
  const hasWork = (await db.all('queue')).some((q) => q.status === 'queued') || (await db.all('tubes')).some((t) => t.seal === 'pending');
  if (!hasWork) return { ...report, outcome: 'idle' };
  const stopped = (await sendRegistrations(db, transport, report, now, batchSize)) ?? (await sendSeals(db, transport, report));
  return stopped ? { ...stopped, at: now().toISOString() } : { ...report, at: now().toISOString() };
}

/** Wait before the next automatic try after `failures` failed passes in a row: 5 s, 10 s, 20 s … 60 s. */
export function backoffMs(failures: number, baseMs = 5_000, maxMs = 60_000): number {
  if (failures <= 0) return baseMs;
  return Math.min(maxMs, baseMs * 2 ** (failures - 1));
}
