// `cordon analyze …`: the analysis maths of domain/ on the command line (DESIGN §13). These commands
// open no database: they answer from their arguments alone.
import type { Command } from 'commander';
import { AppError } from '../server/platform/errors.ts';
import { advisePool } from '../domain/pooling.ts';

const invalid = (message: string) => new AppError(400, 'ANALYZE_INPUT_INVALID', message);

// Plain decimal or exponent notation only: Number() alone would take '' as 0 and '0x10' as 16.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!DECIMAL.test(t)) throw invalid(`${name} must be a number, got '${text}'`);
  return Number(t);
}

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

export function registerAnalyzeCommands(program: Command): void {
  const analyze = program.command('analyze').description('analysis: pool advisor');

  analyze
    .command('pool')
    .description('Dorfman pool advisor: the pool size with the fewest tests per person (混检合管数建议)')
    .option('--prevalence <p>', 'expected prevalence, a fraction (0.001 = 0.1 %)')
    .option('--max-pool <k>', 'largest pool size considered', '1000')
    .option('--se <s>', 'test sensitivity', '1')
    .option('--sp <s>', 'test specificity', '1')
    .action((opts: { prevalence?: string; maxPool: string; se: string; sp: string }) => {
      const prevalence = numberOption('--prevalence', opts.prevalence);
      if (prevalence === undefined) throw invalid('--prevalence is required (a fraction, e.g. 0.001 for 0.1 %)');
      const input = {
        prevalence,
        maxPool: numberOption('--max-pool', opts.maxPool),
        se: numberOption('--se', opts.se),
        sp: numberOption('--sp', opts.sp),
      };
      try {
        print(advisePool(input));
      } catch (err) {
        if (err instanceof RangeError) throw invalid(err.message);
        throw err;
      }
    });
}
