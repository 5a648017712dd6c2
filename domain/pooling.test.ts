import { describe, expect, it } from 'vitest';
import { advisePool, dorfmanTestsPerPerson, entropyBound, POOLING_WARNING } from './pooling.ts';

// Expected values were computed once outside this code (a brute-force table of E(k) for k = 1…1000
// in Python) and are written here as literals, so the tests do not re-derive them with the formula.

describe('dorfmanTestsPerPerson', () => {
  it('is exactly 1 for a single tube, whatever Se and Sp', () => {
    expect(dorfmanTestsPerPerson(0.01, 1)).toBe(1);
    expect(dorfmanTestsPerPerson(0.5, 1, 0.9, 0.8)).toBe(1);
  });

  it('matches hand-computed values', () => {
    // 1/10 + 1 − 0.99^10 = 0.1 + 1 − 0.904382
    expect(dorfmanTestsPerPerson(0.01, 10)).toBeCloseTo(0.195618, 6);
    // 1/2 + 1 − 0.7^2 = 1.01: a pair costs more than single tubes at 30 %
    expect(dorfmanTestsPerPerson(0.3, 2)).toBeCloseTo(1.01, 12);
    // 1/5 + 0.95 − 0.94 · 0.9^5 = 0.2 + 0.95 − 0.555061
    expect(dorfmanTestsPerPerson(0.1, 5, 0.95, 0.99)).toBeCloseTo(0.594939, 6);
  });

  it('keeps its precision at a tiny prevalence', () => {
    // 1/1000 + 1 − (1 − 1e-9)^1000 = 0.001 + 1e-6 (to 1e-15)
    expect(dorfmanTestsPerPerson(1e-9, 1000)).toBeCloseTo(0.001001, 12);
  });
});

describe('entropyBound', () => {
  it('is 1 bit at p = 0.5 and small at low prevalence', () => {
    expect(entropyBound(0.5)).toBe(1);
    expect(entropyBound(0.01)).toBeCloseTo(0.080793, 6);
    expect(entropyBound(0.001)).toBeCloseTo(0.011408, 6);
  });
  it('is 0 at the edges (0·log 0 = 0)', () => {
    expect(entropyBound(0)).toBe(0);
    expect(entropyBound(1)).toBe(0);
  });
});

describe('advisePool', () => {
  it('advises 11 at 1 % prevalence and warns that pooling should stop', () => {
    expect(advisePool({ prevalence: 0.01 })).toEqual({
      bestPoolSize: 11,
      testsPerPerson: 0.195571,
      savingVsSingle: 0.804429,
      entropyBound: 0.080793,
      warning: POOLING_WARNING,
    });
  });

  it('advises 32 at 0.1 %, with no warning at the limit itself', () => {
    expect(advisePool({ prevalence: 0.001 })).toEqual({
      bestPoolSize: 32,
      testsPerPerson: 0.062759,
      savingVsSingle: 0.937241,
      entropyBound: 0.011408,
    });
  });

  it('advises 101 at 0.01 %', () => {
    const a = advisePool({ prevalence: 0.0001 });
    expect([a.bestPoolSize, a.testsPerPerson, a.warning]).toEqual([101, 0.019951, undefined]);
  });

  it('still finds triples just below the Dorfman threshold 1 − 3^(−1/3) ≈ 30.66 %', () => {
    // 1/3 + 1 − 0.7^3 = 0.990333
    const a = advisePool({ prevalence: 0.3 });
    expect(a).toMatchObject({ bestPoolSize: 3, testsPerPerson: 0.990333, savingVsSingle: 0.009667, warning: POOLING_WARNING });
  });

  it('says single tubes above the threshold: E = 1, no saving, and a warning', () => {
    const a = advisePool({ prevalence: 0.35 });
    expect(a).toEqual({ bestPoolSize: 1, testsPerPerson: 1, savingVsSingle: 0, entropyBound: 0.934068, warning: POOLING_WARNING });
  });

  it('respects maxPool and imperfect tests', () => {
    expect(advisePool({ prevalence: 0.001, maxPool: 20 }).bestPoolSize).toBe(20);
    expect(advisePool({ prevalence: 0.01, maxPool: 1 })).toMatchObject({ bestPoolSize: 1, testsPerPerson: 1, savingVsSingle: 0 });
    const imperfect = advisePool({ prevalence: 0.01, se: 0.95, sp: 0.99 });
    expect([imperfect.bestPoolSize, imperfect.testsPerPerson]).toEqual([11, 0.199291]);
  });

  it('finds the same answer with a huge maxPool (the search stops early, exactly)', () => {
    expect(advisePool({ prevalence: 0.001, maxPool: 1_000_000 }).bestPoolSize).toBe(32);
    expect(advisePool({ prevalence: 0.6, maxPool: 1_000_000 }).bestPoolSize).toBe(1);
  });

  it.each([
    [{ prevalence: 0 }, /prevalence/],
    [{ prevalence: 1 }, /prevalence/],
    [{ prevalence: -0.1 }, /prevalence/],
    [{ prevalence: Number.NaN }, /prevalence/],
    [{ prevalence: 0.01, maxPool: 0 }, /max pool/],
    [{ prevalence: 0.01, maxPool: 2.5 }, /max pool/],
    [{ prevalence: 0.01, maxPool: 1e12 }, /max pool/],
    [{ prevalence: 0.01, se: 0 }, /sensitivity/],
    [{ prevalence: 0.01, se: 1.1 }, /sensitivity/],
    [{ prevalence: 0.01, sp: 0 }, /specificity/],
    [{ prevalence: 0.01, sp: 2 }, /specificity/],
  ])('rejects %o with a RangeError', (input, message) => {
    expect(() => advisePool(input)).toThrow(RangeError);
    expect(() => advisePool(input)).toThrow(message);
  });
});
