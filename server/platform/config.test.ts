import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 's'.repeat(32);

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An environment with nothing set but the data dir (so no test ever writes into ./data). */
  const env = (vars: Record<string, string | undefined> = {}) => ({ CORDON_DATA_DIR: dir, ...vars });

  it('has the documented defaults', () => {
    const c = loadConfig(env());
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: null,
      dataDir: dir,
      demo: true,
      demoPeople: 20000,
      nodeEnv: 'development',
      logLevel: 'info',
      timeZone: 'Asia/Shanghai',
      sessionHours: 12,
      loginLimitPerMinute: 10,
    });
    expect(loadConfig(env({ NODE_ENV: 'test', CORDON_SECRET: SECRET })).logLevel).toBe('silent');
    expect(loadConfig({ CORDON_SECRET: SECRET }).dataDir).toBe(resolve('./data'));
  });

  it('reads the environment', () => {
    const c = loadConfig(
      env({
        PORT: '9090', HOST: '127.0.0.1', DATABASE_URL: 'postgresql://u@db:5432/cordon', CORDON_DEMO: '0', CORDON_DEMO_PEOPLE: '600',
        CORDON_TZ: 'Asia/Urumqi', CORDON_SESSION_HOURS: '8', CORDON_LOGIN_LIMIT: '5', LOG_LEVEL: 'warn', CORDON_SECRET: SECRET,
      }),
    );
    expect(c).toMatchObject({
      port: 9090, host: '127.0.0.1', databaseUrl: 'postgresql://u@db:5432/cordon', demo: false, demoPeople: 600,
      timeZone: 'Asia/Urumqi', sessionHours: 8, loginLimitPerMinute: 5, logLevel: 'warn', secret: SECRET,
    });
    expect(loadConfig(env({ PORT: '', CORDON_DEMO: 'true' }))).toMatchObject({ port: 8080, demo: true });
  });

  it.each(['abc', '80.5', '-1', '65536', '1e3', '0x50', ' 80'])('rejects PORT=%j', (port) => {
    expect(() => loadConfig(env({ PORT: port }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ PORT: port }))).toThrow(/PORT must be an integer in \[0, 65535\]/);
  });

  it('rejects other out-of-range or unknown values by name', () => {
    expect(() => loadConfig(env({ CORDON_SESSION_HOURS: '0' }))).toThrow(/CORDON_SESSION_HOURS/);
    expect(() => loadConfig(env({ CORDON_DEMO: 'yes' }))).toThrow(/CORDON_DEMO/);
    expect(() => loadConfig(env({ CORDON_TZ: 'Mars/Olympus' }))).toThrow(/CORDON_TZ/);
    expect(() => loadConfig(env({ NODE_ENV: 'staging' }))).toThrow(/NODE_ENV/);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL; an empty one means embedded PGlite', () => {
    for (const url of ['mysql://root@db/cordon', 'localhost:5432/cordon', 'http://postgres/']) {
      expect(() => loadConfig(env({ DATABASE_URL: url }))).toThrow(ConfigError);
      expect(() => loadConfig(env({ DATABASE_URL: url }))).toThrow(/DATABASE_URL/);
    }
    expect(loadConfig(env({ DATABASE_URL: '' })).databaseUrl).toBeNull();
    expect(loadConfig(env({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' })).databaseUrl).toBe('postgres://postgres@127.0.0.1/test');
  });

  it('requires CORDON_SECRET in production, of at least 32 characters, and writes nothing', () => {
    expect(() => loadConfig(env({ NODE_ENV: 'production' }))).toThrow(/CORDON_SECRET is required/);
    expect(() => loadConfig(env({ NODE_ENV: 'production', CORDON_SECRET: 'short' }))).toThrow(/at least 32/);
    expect(loadConfig(env({ NODE_ENV: 'production', CORDON_SECRET: SECRET })).secret).toBe(SECRET);
    expect(() => statSync(join(dir, 'secret'))).toThrow(/ENOENT/);
  });

  it('in development generates a secret once in the data dir and reuses it', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = loadConfig(env({ CORDON_DATA_DIR: dataDir }));
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig(env({ CORDON_DATA_DIR: dataDir })).secret).toBe(first.secret);

    const other = join(dir, 'other');
    expect(loadConfig(env({ CORDON_DATA_DIR: other })).secret).not.toBe(first.secret);
    // A secret given in the environment wins over the file.
    expect(loadConfig(env({ CORDON_DATA_DIR: dataDir, CORDON_SECRET: SECRET })).secret).toBe(SECRET);
  });

  it('refuses a secret file that is empty or too short to be one', () => {
    for (const content of ['', '\n', 'abc\n']) {
      writeFileSync(join(dir, 'secret'), content);
      expect(() => loadConfig(env())).toThrow(/no usable secret/);
    }
  });

  it('lets overrides win over the environment', () => {
    const c = loadConfig(env({ PORT: '9090', NODE_ENV: 'production' }), { port: 1234, secret: SECRET });
    expect(c).toMatchObject({ port: 1234, secret: SECRET, nodeEnv: 'production' });
  });
});
