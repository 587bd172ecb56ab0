/**
 * The one configuration module (DESIGN.md §3.6): every environment variable is declared here with
 * its default and its parser, validated once at boot. A bad value stops the process with a readable
 * list of every problem, not just the first. Defaults make `npm start` work with no `.env`.
 */
import path from 'node:path';

export type RuntimeMode = 'development' | 'test' | 'production';

export interface Config {
  readonly mode: RuntimeMode;
  readonly host: string;
  readonly port: number;
  /** Embedded PGlite data directory, used when `databaseUrl` is null. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly publicUrl: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlMinutes: number;
  readonly seedDemoData: boolean;
  readonly trustProxy: boolean;
}

interface VariableSpec<T> {
  readonly name: string;
  readonly description: string;
  readonly defaultText: string;
  parse(raw: string | undefined, env: NodeJS.ProcessEnv): T | ConfigProblem;
}

class ConfigProblem {
  constructor(readonly message: string) {}
}

function integer(name: string, min: number, max: number, fallback: number) {
  return (raw: string | undefined): number | ConfigProblem => {
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) return new ConfigProblem(`${name} must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) return new ConfigProblem(`${name} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

function boolean(name: string, fallback: (env: NodeJS.ProcessEnv) => boolean) {
  return (raw: string | undefined, env: NodeJS.ProcessEnv): boolean | ConfigProblem => {
    if (raw === undefined || raw === '') return fallback(env);
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    return new ConfigProblem(`${name} must be true or false, got "${raw}"`);
  };
}

function modeOf(env: NodeJS.ProcessEnv): RuntimeMode {
  const raw = env.NODE_ENV;
  return raw === 'production' || raw === 'test' ? raw : 'development';
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The documented variables, in README order. A test checks that README.md lists each one. */
export const configVariables = {
  mode: {
    name: 'NODE_ENV',
    description: '`production` hides the demo logins and refuses to seed demo data; `test` and `development` are for local use.',
    defaultText: 'development',
    parse: (raw: string | undefined, env: NodeJS.ProcessEnv): RuntimeMode | ConfigProblem =>
      raw === undefined || raw === '' || ['development', 'test', 'production'].includes(raw)
        ? modeOf(env)
        : new ConfigProblem(`NODE_ENV must be development, test or production, got "${raw}"`),
  },
  host: {
    name: 'HOST',
    description: 'Interface the HTTP server listens on.',
    defaultText: '127.0.0.1',
    parse: (raw: string | undefined) => raw || '127.0.0.1',
  },
  port: {
    name: 'PORT',
    description: 'HTTP port.',
    defaultText: '3000',
    parse: integer('PORT', 0, 65535, 3000),
  },
  dataDir: {
    name: 'AMIABLE_DATA_DIR',
    description: 'Directory of the embedded database (PGlite), used when `DATABASE_URL` is not set. One process at a time.',
    defaultText: './data',
    parse: (raw: string | undefined) => path.resolve(raw || './data'),
  },
  databaseUrl: {
    name: 'DATABASE_URL',
    description: 'PostgreSQL (15 or later) connection string. When set, PostgreSQL is used instead of the embedded database.',
    defaultText: '(unset: embedded database)',
    parse: (raw: string | undefined): string | null | ConfigProblem => {
      if (raw === undefined || raw === '') return null;
      if (!/^postgres(ql)?:\/\//.test(raw)) return new ConfigProblem('DATABASE_URL must start with postgres:// or postgresql://');
      try {
        new URL(raw);
      } catch {
        return new ConfigProblem('DATABASE_URL is not a valid URL');
      }
      return raw;
    },
  },
  publicUrl: {
    name: 'PUBLIC_URL',
    description: 'The address users reach the server at (e.g. `https://amiable.example.fr`). When it is https, session cookies are marked Secure.',
    defaultText: '(unset: http://HOST:PORT)',
    parse: (raw: string | undefined): string | null | ConfigProblem => {
      if (raw === undefined || raw === '') return null;
      try {
        const url = new URL(raw);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return new ConfigProblem('PUBLIC_URL must be an http(s) URL');
        return url.origin;
      } catch {
        return new ConfigProblem(`PUBLIC_URL is not a valid URL: "${raw}"`);
      }
    },
  },
  logLevel: {
    name: 'LOG_LEVEL',
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
    defaultText: 'info',
    parse: (raw: string | undefined): Config['logLevel'] | ConfigProblem => {
      if (raw === undefined || raw === '') return 'info';
      return (logLevels as readonly string[]).includes(raw)
        ? (raw as Config['logLevel'])
        : new ConfigProblem(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${raw}"`);
    },
  },
  sessionTtlMinutes: {
    name: 'SESSION_TTL_MINUTES',
    description: 'Back-office session lifetime since last activity, in minutes.',
    defaultText: '480',
    parse: integer('SESSION_TTL_MINUTES', 5, 7 * 24 * 60, 480),
  },
  seedDemoData: {
    name: 'AMIABLE_DEMO_DATA',
    description: 'Seed demo creditors, cases and one user per role on first start. Always off in production.',
    defaultText: 'true (false when NODE_ENV=production)',
    parse: boolean('AMIABLE_DEMO_DATA', (env) => modeOf(env) !== 'production'),
  },
  trustProxy: {
    name: 'TRUST_PROXY',
    description: 'Trust X-Forwarded-* headers (set when behind a reverse proxy) for client IPs and HTTPS detection.',
    defaultText: 'false',
    parse: boolean('TRUST_PROXY', () => false),
  },
} satisfies { [K in keyof Config]: VariableSpec<Config[K]> };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configVariables) as [keyof Config, VariableSpec<unknown>][]) {
    const value = spec.parse(env[spec.name], env);
    if (value instanceof ConfigProblem) problems.push(value.message);
    else values[key] = value;
  }
  const config = values as unknown as Config;
  if (problems.length === 0 && config.mode === 'production' && config.seedDemoData) {
    problems.push('AMIABLE_DEMO_DATA cannot be true when NODE_ENV=production (demo logins must never reach production)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
