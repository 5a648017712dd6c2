// `cordon simulate round`: a whole seeded testing round over an area, through the real services
// (sim/round-simulation.ts). The JSON result on stdout, progress on stderr.
import { InvalidArgumentError, type Command } from 'commander';
import type { Actor } from '../server/platform/audit.ts';
import type { Db } from '../server/platform/db.ts';
import { loadConfig } from '../server/platform/config.ts';
import { badRequest } from '../server/platform/errors.ts';
import { findPlaceRowByCode } from '../server/modules/places/service.ts';
import { dayInZone, parseLocalTime } from '../domain/time.ts';
import { latestRoundStart, simulateRound } from '../sim/round-simulation.ts';
import { progress } from './progress.ts';

export interface SimulateCommandDeps {
  withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
  cliActor: () => Actor;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function wholeNumber(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

function fraction(v: string): number {
  if (!DECIMAL.test(v.trim())) throw new InvalidArgumentError('must be a number');
  return Number(v);
}

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

interface RoundOptions {
  name?: string;
  place: string;
  seed: number;
  positivePools: number;
  coverage: number;
  sealedUnits: number;
  startsAt?: string;
  finish: boolean;
  batchSize: number;
}

export function registerSimulateCommands(program: Command, deps: SimulateCommandDeps): void {
  const simulate = program.command('simulate').description('generate activity through the real services');

  simulate
    .command('round')
    .description('a whole testing round over an area: registrations, boxes, lab results, pool positives and their retests')
    .option('--name <name>', 'round name (default: <place> <day>全员核酸检测(模拟))')
    .option('--place <code>', 'code of the area', '990100')
    .option('--seed <s>', 'random seed (same seed, same round)', wholeNumber, 1)
    .option('--positive-pools <k>', 'pooled tubes reported positive', wholeNumber, 3)
    .option('--coverage <c>', 'share of expected residents sampled', fraction, 0.97)
    .option('--sealed-units <n>', 'units sealed in the round (door-to-door single tubes)', wholeNumber, 1)
    .option('--starts-at <time>', 'round start, ISO 8601 (city time without an offset); default: the latest 06:00 the whole round fits before now')
    .option('--batch-size <n>', 'registrations per batch', wholeNumber, 1000)
    .option('--no-finish', 'leave the retests undone and the round open')
    .action(async (opts: RoundOptions) => {
      const config = loadConfig();
      const clock = () => new Date();
      let startsAt = latestRoundStart(clock(), config.timeZone);
      if (opts.startsAt !== undefined) {
        const t = parseLocalTime(opts.startsAt, config.timeZone);
        if (!t) throw badRequest('SIMULATION_OPTIONS_INVALID', `--starts-at '${opts.startsAt}' is not an ISO 8601 time`);
        startsAt = t;
      }
      await deps.withDb(async (db) => {
        const place = await findPlaceRowByCode(db.kysely, opts.place);
        const name = opts.name ?? `${place?.name ?? opts.place}${dayInZone(startsAt, config.timeZone)}全员核酸检测(模拟)`;
        const bar = progress('simulate round', 0);
        try {
          const result = await simulateRound({ db, clock, secret: config.secret, timeZone: config.timeZone }, deps.cliActor(), {
            name,
            placeCode: opts.place,
            seed: opts.seed,
            coverage: opts.coverage,
            positivePools: opts.positivePools,
            sealedUnits: opts.sealedUnits,
            startsAt,
            finish: opts.finish,
            batchSize: opts.batchSize,
            onProgress: (_phase, done, total) => bar.update(done, total),
          });
          bar.stop();
          print(result);
        } catch (err) {
          bar.stop();
          throw err;
        }
      });
    });
}
