// A small typed wrapper over the raw IndexedDB API for the sampler's three stores. One database per
// user on the device, so a second sampler signing in on a shared phone never sends someone else's
// queue. Every write is one transaction: an acknowledgement removes the queued item and stores the
// answer together, or not at all.
import type { QueuedRegistration, SentRegistration, TubeRecord } from './sampler-types.ts';

export interface SamplerStores {
  queue: QueuedRegistration;
  sent: SentRegistration;
  tubes: TubeRecord;
}
export type StoreName = keyof SamplerStores;

const KEYS: Record<StoreName, string> = { queue: 'clientId', sent: 'clientId', tubes: 'code' };
const VERSION = 1;

export interface WriteTx {
  put<S extends StoreName>(store: S, value: SamplerStores[S]): void;
  delete(store: StoreName, key: string): void;
}

export interface SamplerDb {
  all<S extends StoreName>(store: S): Promise<SamplerStores[S][]>;
  get<S extends StoreName>(store: S, key: string): Promise<SamplerStores[S] | undefined>;
  /** Several writes that land together or not at all. */
  write(stores: StoreName[], fn: (tx: WriteTx) => void): Promise<void>;
  close(): void;
}

export const samplerDbName = (username: string) => `cordon-sampler:${username}`;

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export function openSamplerDb(username: string, factory: IDBFactory = indexedDB): Promise<SamplerDb> {
  return new Promise((resolve, reject) => {
    const open = factory.open(samplerDbName(username), VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const name of Object.keys(KEYS) as StoreName[]) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: KEYS[name] });
      }
    };
    open.onblocked = () => reject(new Error('IndexedDB upgrade blocked by another tab'));
    open.onerror = () => reject(open.error);
    open.onsuccess = () => resolve(wrap(open.result));
  });
}

function wrap(db: IDBDatabase): SamplerDb {
  // Another tab upgrading the schema: let it, this one reloads its data on the next open.
  db.onversionchange = () => db.close();
  return {
    all: (store) => done(db.transaction(store, 'readonly').objectStore(store).getAll()),
    get: (store, key) => done(db.transaction(store, 'readonly').objectStore(store).get(key)),
    write: (stores, fn) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(stores, 'readwrite');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
        try {
          fn({ put: (store, value) => void tx.objectStore(store).put(value), delete: (store, key) => void tx.objectStore(store).delete(key) });
        } catch (err) {
          tx.abort();
          reject(err);
        }
      }),
    close: () => db.close(),
  };
}

/** The same interface kept in memory: the unit tests' store, and the fallback when IndexedDB is unavailable. */
export function memorySamplerDb(): SamplerDb {
  const data: { [S in StoreName]: Map<string, SamplerStores[S]> } = { queue: new Map(), sent: new Map(), tubes: new Map() };
  const keyOf = <S extends StoreName>(store: S, v: SamplerStores[S]) => String((v as unknown as Record<string, unknown>)[KEYS[store]]);
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    all: async (store) => [...data[store].values()].map(clone),
    get: async (store, key) => {
      const v = data[store].get(key);
      return v === undefined ? undefined : clone(v);
    },
    write: async (_stores, fn) => {
      const ops: (() => void)[] = [];
      fn({
        put: (store, value) => ops.push(() => (data[store] as Map<string, typeof value>).set(keyOf(store, value), clone(value))),
        delete: (store, key) => ops.push(() => data[store].delete(key)),
      });
      for (const op of ops) op();
    },
    close: () => undefined,
  };
}
