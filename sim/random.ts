// Seeded randomness shared by the city and population generators: a 32-bit hash of (seed, key)
// picks an independent mulberry32 stream per branch, so any part regenerates without the rest.

export type Rng = () => number;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Salts keep generators' streams apart: the same key never gives a person and a place the same draws. */
export interface StreamSalt {
  hi: number;
  xor: number;
}

/** 32-bit hash of (seed, key); both halves of a 53-bit seed count, so nearby seeds give unrelated output. */
export function hashKey(seed: number, key: string, salt: StreamSalt): number {
  let h = fmix32((seed >>> 0) ^ fmix32(Math.floor(seed / 2 ** 32) + salt.hi) ^ salt.xor);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return fmix32(h);
}

/** mulberry32: tiny, fast, good enough for synthetic data. */
export function rngFor(seed: number, key: string, salt: StreamSalt): Rng {
  let a = hashKey(seed, key, salt);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pad = (n: number, digits: number): string => String(n).padStart(digits, '0');
