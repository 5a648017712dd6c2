// Opens the signed-in sampler's IndexedDB stores and keeps a snapshot of them for the screen.
import { useEffect, useState } from 'react';
import { memorySamplerDb, openSamplerDb } from './sampler-db.ts';
import { createSamplerStore, EMPTY_SNAPSHOT, type SamplerSnapshot, type SamplerStore } from './sampler-store.ts';

export interface SamplerStoreState {
  store: SamplerStore | null;
  snapshot: SamplerSnapshot;
  ready: boolean;
  /** IndexedDB could not be opened: the queue lives in memory only (a reload loses it). */
  volatile: boolean;
}

export function useSamplerStore(username: string): SamplerStoreState {
  const [state, setState] = useState<SamplerStoreState>({ store: null, snapshot: EMPTY_SNAPSHOT, ready: false, volatile: false });
  useEffect(() => {
    let alive = true;
    let unsubscribe = () => {};
    let close = () => {};
    void (async () => {
      let volatile = false;
      const db = await openSamplerDb(username).catch(() => {
        volatile = true;
        return memorySamplerDb();
      });
      if (!alive) return db.close();
      close = () => db.close();
      const store = createSamplerStore(db);
      const refresh = async () => {
        const snapshot = await store.snapshot();
        if (alive) setState({ store, snapshot, ready: true, volatile });
      };
      unsubscribe = store.subscribe(() => void refresh());
      await store.prune(new Date());
      await refresh();
    })();
    return () => {
      alive = false;
      unsubscribe();
      close();
    };
  }, [username]);
  return state;
}
