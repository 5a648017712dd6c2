// Small per-user choices of the sampler kept in localStorage: round and site, the tube being filled,
// the mode for new tubes, the last good sync, and the signed-in user for an offline reload.
import type { SamplingMode } from '../../../../domain/screening.ts';
import type { User } from '../../api/types.ts';
import type { SamplerSetup } from './sampler-types.ts';

export interface SamplerPrefs {
  setup: SamplerSetup | null;
  /** Code of the tube being filled. */
  openTube: string | null;
  /** Mode the sampler picked for new tubes; null = the round's mode for precaution areas. */
  mode: SamplingMode | null;
  lastSyncAt: string | null;
}

const EMPTY: SamplerPrefs = { setup: null, openTube: null, mode: null, lastSyncAt: null };
const prefsKey = (username: string) => `cordon.sampler.${username}`;
const USER_KEY = 'cordon.sampler.user';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode or full: the choice lasts for this page only */
  }
}

export const loadPrefs = (username: string): SamplerPrefs => ({ ...EMPTY, ...read<Partial<SamplerPrefs>>(prefsKey(username)) });

export function savePrefs(username: string, patch: Partial<SamplerPrefs>): SamplerPrefs {
  const next = { ...loadPrefs(username), ...patch };
  write(prefsKey(username), next);
  return next;
}

/** The user of the last good /api/auth/me, so the sampler opens offline. The server still checks every request. */
export const cachedUser = (): User | null => read<User>(USER_KEY);
export const cacheUser = (user: User | null) => write(USER_KEY, user);
