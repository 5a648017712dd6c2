// Colours of coverage rates on charts and maps: red (nobody sampled) → amber → green (everyone).
const STOPS: [number, [number, number, number]][] = [
  [0, [207, 19, 34]],
  [0.5, [250, 173, 20]],
  [0.9, [160, 217, 17]],
  [1, [56, 158, 13]],
];

/** The colour of a rate; grey when nothing is expected (no rate). */
export function coverageColor(rate: number | null | undefined): string {
  if (rate == null) return '#d9d9d9';
  const r = Math.min(1, Math.max(0, rate));
  for (let i = 1; i < STOPS.length; i++) {
    const [hi, c1] = STOPS[i];
    const [lo, c0] = STOPS[i - 1];
    if (r <= hi) {
      const f = hi === lo ? 1 : (r - lo) / (hi - lo);
      const mix = c0.map((v, j) => Math.round(v + (c1[j] - v) * f));
      return `rgb(${mix.join(',')})`;
    }
  }
  return 'rgb(56,158,13)';
}

/** A CSS gradient of the scale, for the legend under a map. */
export const COVERAGE_GRADIENT = `linear-gradient(to right, ${STOPS.map(([at, c]) => `rgb(${c.join(',')}) ${at * 100}%`).join(', ')})`;
