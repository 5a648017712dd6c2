// The sampler's device state over the IndexedDB stores: open a tube, queue a person, seal, remove a
// rejected item, and a snapshot for the screen. Every registration is written here (with its
// clientId) before anything is sent.
import type { SamplingMode } from '../../../../domain/screening.ts';
import { tubeSpecOf } from '../../../../domain/screening.ts';
import type { IdType } from '../../../../domain/persons.ts';
import type { SamplerDb } from './sampler-db.ts';
import type { QueuedRegistration, SentRegistration, TubeRecord } from './sampler-types.ts';
import { tubeFill } from './tube-fill.ts';

export interface SamplerSnapshot {
  queue: QueuedRegistration[];
  sent: SentRegistration[];
  tubes: TubeRecord[];
}

export const EMPTY_SNAPSHOT: SamplerSnapshot = { queue: [], sent: [], tubes: [] };

/** Answers and closed tubes older than this leave the device (queued items never do). */
const KEEP_MS = 24 * 3_600_000;

export interface NewTube {
  code: string;
  roundId: number;
  siteCode: string | null;
  mode: SamplingMode;
  at: Date;
}

export interface NewRegistration {
  clientId: string;
  tube: TubeRecord;
  person: string;
  idType?: IdType;
  at: Date;
}

export type TubeOpenResult = { ok: true; tube: TubeRecord; resumed: boolean } | { ok: false; code: 'TUBE_FULL' | 'TUBE_SEALED' | 'TUBE_ALREADY_USED' };

export interface SamplerStore {
  db: SamplerDb;
  snapshot(): Promise<SamplerSnapshot>;
  openTube(t: NewTube): Promise<TubeOpenResult>;
  enqueue(r: NewRegistration): Promise<QueuedRegistration>;
  seal(tubeCode: string): Promise<void>;
  removeQueued(clientId: string): Promise<void>;
  /** Drops answers and finished tubes older than a day. */
  prune(now: Date): Promise<void>;
  subscribe(listener: () => void): () => void;
  /** Tells the subscribers that something (the sync) changed the stores. */
  changed(): void;
}

export function createSamplerStore(db: SamplerDb): SamplerStore {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const snapshot = async (): Promise<SamplerSnapshot> => {
    const [queue, sent, tubes] = await Promise.all([db.all('queue'), db.all('sent'), db.all('tubes')]);
    return { queue: queue.sort((a, b) => a.seq - b.seq), sent, tubes: tubes.sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1)) };
  };

  return {
    db,
    snapshot,
    changed,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async openTube(t) {
      const known = await db.get('tubes', t.code);
      if (known) {
        if (known.roundId !== t.roundId) return { ok: false, code: 'TUBE_ALREADY_USED' };
        const s = await snapshot();
        const fill = tubeFill(known, s.queue, s.sent);
        if (known.closed || known.server?.sealed) return { ok: false, code: 'TUBE_SEALED' };
        if (fill.full) return { ok: false, code: 'TUBE_FULL' };
        return { ok: true, tube: known, resumed: true };
      }
      const spec = tubeSpecOf(t.mode);
      const tube: TubeRecord = {
        code: t.code, roundId: t.roundId, siteCode: t.siteCode, mode: t.mode, kind: spec.kind, capacity: spec.capacity,
        openedAt: t.at.toISOString(), closed: false, seal: 'none', server: null,
      };
      await db.write(['tubes'], (tx) => tx.put('tubes', tube));
      changed();
      return { ok: true, tube, resumed: false };
    },

    async enqueue(r) {
      const queue = await db.all('queue');
      const sent = await db.all('sent');
      const seq = Math.max(0, ...queue.map((q) => q.seq), ...sent.map((s) => s.seq)) + 1;
      const q: QueuedRegistration = {
        clientId: r.clientId,
        seq,
        scannedAt: r.at.toISOString(),
        status: 'queued',
        item: {
          clientId: r.clientId,
          roundId: r.tube.roundId,
          tubeCode: r.tube.code,
          // Kind and size go with every item, so whichever reaches the server first makes the tube right.
          tubeKind: r.tube.kind,
          capacity: r.tube.capacity,
          person: r.person,
          ...(r.idType ? { idType: r.idType } : {}),
          ...(r.tube.siteCode ? { siteCode: r.tube.siteCode } : {}),
          collectedAt: r.at.toISOString(),
        },
      };
      await db.write(['queue'], (tx) => tx.put('queue', q));
      changed();
      return q;
    },

    async seal(tubeCode) {
      const tube = await db.get('tubes', tubeCode);
      if (!tube) return;
      const queue = await db.all('queue');
      // The last registration of the tube still waiting carries the seal; otherwise the sync sends POST …/seal.
      const last = queue.filter((q) => q.item.tubeCode === tubeCode && q.status === 'queued').sort((a, b) => b.seq - a.seq)[0];
      await db.write(['queue', 'tubes'], (tx) => {
        if (last) tx.put('queue', { ...last, item: { ...last.item, seal: true } });
        tx.put('tubes', { ...tube, closed: true, seal: tube.server?.sealed ? 'done' : 'pending' });
      });
      changed();
    },

    async removeQueued(clientId) {
      await db.write(['queue'], (tx) => tx.delete('queue', clientId));
      changed();
    },

    async prune(now) {
      const s = await snapshot();
      const cutoff = now.getTime() - KEEP_MS;
      const old = (iso: string) => new Date(iso).getTime() < cutoff;
      const busy = new Set(s.queue.map((q) => q.item.tubeCode));
      const tubes = s.tubes.filter((t) => old(t.openedAt) && !busy.has(t.code) && t.seal !== 'pending');
      const sent = s.sent.filter((x) => old(x.sentAt));
      if (!tubes.length && !sent.length) return;
      await db.write(['sent', 'tubes'], (tx) => {
        for (const t of tubes) tx.delete('tubes', t.code);
        for (const x of sent) tx.delete('sent', x.clientId);
      });
      changed();
    },
  };
}
