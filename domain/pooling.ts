// Pool advisor (DESIGN §5): Dorfman two-stage pooling. A pool of k tubes is tested once; when it is
// positive every member is retested single-tube. Pure maths, no I/O.

/** Policy line of DESIGN §5: pooling is for screening only while prevalence is below 0.1 %. */
export const POOLING_PREVALENCE_LIMIT = 0.001;

export const POOLING_WARNING = 'prevalence above 0.1 %: stop pooling, test single tubes / 检出率高于0.1%,应停止混检,改为单采单检';

// No lab pools more than a few dozen swabs; the cap only keeps a typo (--max-pool 1e12) from
// turning the search into a hang.
export const MAX_POOL_LIMIT = 1_000_000;

/**
 * Expected tests per person, E(k) = 1/k + Se − (Se + Sp − 1)(1 − p)^k, and exactly 1 for k = 1
 * (a single tube is never retested).
 */
export function dorfmanTestsPerPerson(p: number, k: number, se = 1, sp = 1): number {
  if (k === 1) return 1;
  // Written as 1/k + (1 − Sp) + (Se + Sp − 1)(1 − (1 − p)^k), with 1 − (1 − p)^k = −expm1(k·log1p(−p)),
  // so a prevalence of 1e-9 does not vanish in the rounding of 1 − p.
  return 1 / k + (1 - sp) - (se + sp - 1) * Math.expm1(k * Math.log1p(-p));
}

/** Shannon entropy H(p) in bits: no scheme can use fewer tests per person than this. */
export function entropyBound(p: number): number {
  const term = (x: number) => (x > 0 ? -x * Math.log2(x) : 0); // 0·log 0 = 0
  return term(p) + term(1 - p);
}

export interface PoolAdviceInput {
  prevalence: number;
  maxPool?: number;
  se?: number;
  sp?: number;
}

export interface PoolAdvice {
  bestPoolSize: number;
  testsPerPerson: number;
  /** 1 − E: the fraction of tests saved against single tubes. */
  savingVsSingle: number;
  entropyBound: number;
  warning?: string;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function checkInput({ prevalence: p, maxPool, se, sp }: Required<PoolAdviceInput>): void {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new RangeError(`prevalence must be a number with 0 < p < 1, got ${p}`);
  if (!Number.isInteger(maxPool) || maxPool < 1 || maxPool > MAX_POOL_LIMIT)
    throw new RangeError(`max pool must be an integer from 1 to ${MAX_POOL_LIMIT}, got ${maxPool}`);
  if (typeof se !== 'number' || !(se > 0 && se <= 1)) throw new RangeError(`sensitivity must be a number with 0 < Se ≤ 1, got ${se}`);
  if (typeof sp !== 'number' || !(sp > 0 && sp <= 1)) throw new RangeError(`specificity must be a number with 0 < Sp ≤ 1, got ${sp}`);
}

/** The pool size in [1, maxPool] with the fewest expected tests per person (the smallest k on a tie). */
export function advisePool({ prevalence, maxPool = 1000, se = 1, sp = 1 }: PoolAdviceInput): PoolAdvice {
  checkInput({ prevalence, maxPool, se, sp });
  const p = prevalence;
  const c = Math.max(se + sp - 1, 0);
  let bestK = 1;
  let bestE = 1;
  for (let k = 2; k <= maxPool; k++) {
    const e = dorfmanTestsPerPerson(p, k, se, sp);
    if (e < bestE) {
      bestE = e;
      bestK = k;
    }
    // Every larger k' costs more than Se − c(1 − p)^(k+1) (its 1/k' term is positive): once that
    // floor reaches the best so far, nothing further can win and the search can stop exactly.
    if (se - c * Math.exp((k + 1) * Math.log1p(-p)) >= bestE) break;
  }
  const advice: PoolAdvice = {
    bestPoolSize: bestK,
    testsPerPerson: round6(bestE),
    savingVsSingle: round6(1 - bestE),
    entropyBound: round6(entropyBound(p)),
  };
  if (p > POOLING_PREVALENCE_LIMIT) advice.warning = POOLING_WARNING;
  return advice;
}
