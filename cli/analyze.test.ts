import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { registerAnalyzeCommands } from './analyze.ts';
import { AppError } from '../server/platform/errors.ts';
import { POOLING_WARNING } from '../domain/pooling.ts';

async function run(...args: string[]): Promise<string> {
  const program = new Command('cordon').exitOverride();
  registerAnalyzeCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'cordon', 'analyze', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

async function failure(...args: string[]): Promise<AppError> {
  const err = await run(...args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

afterEach(() => vi.restoreAllMocks());

describe('cordon analyze pool', () => {
  it('prints the advice as JSON, with the warning above 0.1 %', async () => {
    const out = await run('pool', '--prevalence', '0.01');
    expect(JSON.parse(out)).toEqual({
      bestPoolSize: 11,
      testsPerPerson: 0.195571,
      savingVsSingle: 0.804429,
      entropyBound: 0.080793,
      warning: POOLING_WARNING,
    });
    expect(Object.keys(JSON.parse(out))).toEqual(['bestPoolSize', 'testsPerPerson', 'savingVsSingle', 'entropyBound', 'warning']);
  });

  it('takes --max-pool, --se and --sp, and adds no warning at 0.1 %', async () => {
    expect(JSON.parse(await run('pool', '--prevalence', '1e-3'))).toEqual({ bestPoolSize: 32, testsPerPerson: 0.062759, savingVsSingle: 0.937241, entropyBound: 0.011408 });
    expect(JSON.parse(await run('pool', '--prevalence', '0.001', '--max-pool', '20')).bestPoolSize).toBe(20);
    expect(JSON.parse(await run('pool', '--prevalence', '0.01', '--se', '0.95', '--sp', '0.99')).testsPerPerson).toBe(0.199291);
  });

  it.each([
    [['--prevalence', 'abc'], /--prevalence must be a number/],
    [['--prevalence', ''], /--prevalence must be a number/],
    [['--prevalence', '1.5'], /prevalence/],
    [['--prevalence', '0'], /prevalence/],
    [['--prevalence', '0.01', '--max-pool', '0'], /max pool/],
    [['--prevalence', '0.01', '--max-pool', '0x10'], /--max-pool must be a number/],
    [['--prevalence', '0.01', '--se', '1.2'], /sensitivity/],
    [['--prevalence', '0.01', '--sp', 'high'], /--sp must be a number/],
    [[], /--prevalence is required/],
  ])('refuses %j with ANALYZE_INPUT_INVALID (a 400, so the CLI exits 2)', async (args, message) => {
    const err = await failure('pool', ...args);
    expect(err.code).toBe('ANALYZE_INPUT_INVALID');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});
