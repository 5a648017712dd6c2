// Configuration is read and validated once at boot; everything else receives the Config object.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve, join } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null; // null → embedded PGlite under dataDir
  dataDir: string;
  demo: boolean;
  demoPeople: number;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  secret: string;
  timeZone: string;
  sessionHours: number;
  loginLimitPerMinute: number;
  /** How often tables that grew are analyzed (table-statistics.ts); 0 = never. */
  analyzeSeconds: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN; // plain decimal: not "1e3", "0x50" or " 80"
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return n;
}

/** In development the token/hash secret is generated once and kept in the data dir; production must set it. */
function loadSecret(env: Env, nodeEnv: Config['nodeEnv'], dataDir: string): string {
  const given = env.CORDON_SECRET;
  if (given) {
    if (given.length < 32) throw new ConfigError('CORDON_SECRET must be at least 32 characters');
    return given;
  }
  if (nodeEnv === 'production') throw new ConfigError('CORDON_SECRET is required when NODE_ENV=production');
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length < 32) throw new ConfigError(`${file} holds no usable secret (under 32 characters); delete it to generate a new one`);
    return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new ConfigError(`NODE_ENV must be development, production or test`);
  const dataDir = resolve(overrides.dataDir ?? env.CORDON_DATA_DIR ?? './data');
  const databaseUrl = overrides.databaseUrl !== undefined ? overrides.databaseUrl : env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const demoRaw = env.CORDON_DEMO ?? '1';
  if (!['0', '1', 'true', 'false'].includes(demoRaw)) throw new ConfigError('CORDON_DEMO must be 0 or 1');
  const timeZone = env.CORDON_TZ ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`CORDON_TZ is not a time zone: ${timeZone}`);
  }
  const config: Config = {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    demo: demoRaw === '1' || demoRaw === 'true',
    demoPeople: int(env, 'CORDON_DEMO_PEOPLE', 20000, 100, 10_000_000),
    nodeEnv,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    secret: '',
    timeZone,
    sessionHours: int(env, 'CORDON_SESSION_HOURS', 12, 1, 24 * 30),
    loginLimitPerMinute: int(env, 'CORDON_LOGIN_LIMIT', 10, 1, 10000),
    // Off in tests: an ANALYZE landing in the middle of one would make its timing and plans vary.
    analyzeSeconds: int(env, 'CORDON_ANALYZE_SECONDS', nodeEnv === 'test' ? 0 : 10, 0, 86_400),
    ...overrides,
  };
  config.secret = overrides.secret ?? loadSecret(env, nodeEnv, dataDir);
  return config;
}
