// Runs the sync: right after a scan, every 5 s while there is work, at once when the browser comes
// back online, and on "sync now". After a failed pass it waits longer each time (5 s … 60 s).
import { useCallback, useEffect, useRef, useState } from 'react';
import { samplerTransport } from './sampler-api.ts';
import { loadPrefs, savePrefs } from './sampler-prefs.ts';
import type { SamplerStore } from './sampler-store.ts';
import { backoffMs, syncOnce, type SyncReport } from './sync-engine.ts';

export const SYNC_INTERVAL_MS = 5_000;

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** End of the last pass that left nothing queued. */
  lastSyncAt: string | null;
  report: SyncReport | null;
  /** When the next automatic try is due after failures (ms since epoch), or null. */
  retryAt: number | null;
  /** A sync pass now, unless one is running or a backoff is pending. */
  kick: () => void;
  /** A sync pass now, whatever the backoff. */
  syncNow: () => void;
}

export function useSyncLoop(store: SamplerStore | null, username: string): SyncStatus {
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [lastSyncAt, setLastSyncAt] = useState(() => loadPrefs(username).lastSyncAt);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const running = useRef(false);
  const failures = useRef(0);
  const nextAt = useRef(0);
  const again = useRef(false);

  const run = useCallback(
    async (force: boolean): Promise<void> => {
      if (!store) return;
      if (running.current) {
        again.current = true; // a scan while a pass is on: one more pass right after it
        return;
      }
      if (!force && (Date.now() < nextAt.current || !navigator.onLine)) return;
      running.current = true;
      setSyncing(true);
      try {
        const r = await syncOnce(store.db, samplerTransport, () => new Date());
        if (r.outcome !== 'idle') {
          setReport(r);
          store.changed();
        }
        if (r.outcome === 'idle') {
          failures.current = 0;
        } else if (r.outcome === 'done') {
          failures.current = 0;
          nextAt.current = 0;
          setRetryAt(null);
          setLastSyncAt(r.at);
          savePrefs(username, { lastSyncAt: r.at });
        } else if (r.outcome === 'auth') {
          // Nothing to gain from retrying with an expired session: wait for "sync now" after sign-in.
          nextAt.current = Number.MAX_SAFE_INTEGER;
          setRetryAt(null);
        } else {
          failures.current++;
          nextAt.current = Date.now() + backoffMs(failures.current);
          setRetryAt(nextAt.current);
        }
      } catch (err) {
        // IndexedDB itself failed: keep the loop alive and try again later.
        failures.current++;
        nextAt.current = Date.now() + backoffMs(failures.current);
        setRetryAt(nextAt.current);
        setReport({ outcome: 'failed', sent: 0, replayed: 0, rejected: 0, sealed: 0, at: new Date().toISOString(), error: { code: 'SYNC_STORAGE', message: String(err) } });
      } finally {
        running.current = false;
        setSyncing(false);
      }
      if (again.current) {
        again.current = false;
        await run(false);
      }
    },
    [store, username],
  );

  useEffect(() => {
    const wentOnline = () => {
      setOnline(true);
      failures.current = 0;
      nextAt.current = 0;
      setRetryAt(null);
      void run(false);
    };
    const wentOffline = () => setOnline(false);
    window.addEventListener('online', wentOnline);
    window.addEventListener('offline', wentOffline);
    const timer = window.setInterval(() => void run(false), SYNC_INTERVAL_MS);
    void run(false);
    return () => {
      window.removeEventListener('online', wentOnline);
      window.removeEventListener('offline', wentOffline);
      window.clearInterval(timer);
    };
  }, [run]);

  const kick = useCallback(() => void run(false), [run]);
  const syncNow = useCallback(() => {
    failures.current = 0;
    nextAt.current = 0;
    void run(true);
  }, [run]);
  return { online, syncing, lastSyncAt, report, retryAt, kick, syncNow };
}
