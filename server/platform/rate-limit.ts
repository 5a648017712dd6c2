// Fixed-window counter per key, in memory: enough for one process. Used for logins (per user name
// and address), where a shared store would add a dependency for little gain at this scale.
export interface RateLimiter {
  /** Counts one hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string, nowMs: number): number;
  reset(key: string): void;
}

export function fixedWindowLimiter(max: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, nowMs) {
      if (windows.size > 100_000) {
        for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
      }
      let w = windows.get(key);
      if (!w || nowMs - w.start >= windowMs) {
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > max ? Math.max(1, Math.ceil((w.start + windowMs - nowMs) / 1000)) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
