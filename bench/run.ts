// npm run bench -- <name> [--xl] [--engine postgres|pglite] [--key value ...]
import { writeResult, type BenchOptions, type BenchResult } from './harness.ts';

const BENCHES: Record<string, () => Promise<{ run(o: BenchOptions): Promise<BenchResult> }>> = {
  places: () => import('./places.ts'),
  'import-persons': () => import('./import-persons.ts'),
  search: () => import('./search.ts'),
  ingest: () => import('./ingest.ts'),
  fanout: () => import('./fanout.ts'),
  coverage: () => import('./coverage.ts'),
  round: () => import('./round.ts'),
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !BENCHES[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [--xl] [--engine postgres|pglite]`);
  process.exit(2);
}
const args: Record<string, string> = {};
for (let i = 0; i < rest.length; i++) {
  if (!rest[i].startsWith('--')) continue;
  const key = rest[i].slice(2);
  const next = rest[i + 1];
  if (next && !next.startsWith('--')) {
    args[key] = next;
    i++;
  } else args[key] = 'true';
}
const engine = (args.engine ?? 'postgres') as BenchOptions['engine'];
if (engine !== 'postgres' && engine !== 'pglite') {
  console.error('--engine is postgres or pglite');
  process.exit(2);
}
const result = await (await BENCHES[name]()).run({ xl: args.xl === 'true', engine, args });
const file = writeResult(name, engine, result);
console.log(`${name} [${engine}]: ${JSON.stringify(result.metrics)}`);
console.log(`  baseline: ${JSON.stringify(result.baseline)}`);
console.log(`  ratio: ${result.ratio.toFixed(3)} (this system / same-run baseline)`);
console.log(`  → ${file}`);
