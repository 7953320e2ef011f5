import { readFileSync } from 'node:fs';

/** The validated settings of one gateway process (design §7). */
export interface Config {
  port: number;
  host: string;
  /** Undefined means: start the embedded simulator and point the gateway at it. */
  atlasBaseUrl: string | undefined;
  credentials: AtlasCredentials;
  tokenUrl: string | undefined;
  upstream: {
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    deadlineMs: number;
    maxRetries: number;
    maxConnections: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  introspection: boolean;
  graphiql: boolean;
}

export type AtlasCredentials =
  | { kind: 'none' }
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'service-account'; clientId: string; clientSecret: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** One environment variable: documented in the README table, which a test keeps in step with this list. */
export interface Setting {
  name: string;
  default: string;
  meaning: string;
  secret?: boolean;
}

export const SETTINGS: readonly Setting[] = [
  { name: 'PORT', default: '4000', meaning: 'listen port' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'listen address (docker-compose sets 0.0.0.0)' },
  {
    name: 'MONGODB_ATLAS_BASE_URL',
    default: 'embedded simulator without credentials, else https://cloud.mongodb.com',
    meaning: 'Atlas origin; set without credentials, calls go unauthenticated (a standalone simulator, a signing proxy)',
  },
  { name: 'MONGODB_ATLAS_PUBLIC_API_KEY', default: '–', meaning: 'Digest API key, public part (with the private key)', secret: true },
  { name: 'MONGODB_ATLAS_PRIVATE_API_KEY', default: '–', meaning: 'Digest API key, private part', secret: true },
  { name: 'MONGODB_ATLAS_CLIENT_ID', default: '–', meaning: 'service account client id (with the secret); not with an API key', secret: true },
  { name: 'MONGODB_ATLAS_CLIENT_SECRET', default: '–', meaning: 'service account client secret', secret: true },
  { name: 'MONGODB_ATLAS_TOKEN_URL', default: '${base}/api/oauth/token', meaning: 'service account token endpoint' },
  { name: 'UPSTREAM_CONNECT_TIMEOUT_MS', default: '5000', meaning: 'per upstream call: TCP/TLS connect' },
  { name: 'UPSTREAM_HEADERS_TIMEOUT_MS', default: '15000', meaning: 'per upstream call: until response headers' },
  { name: 'UPSTREAM_BODY_TIMEOUT_MS', default: '15000', meaning: 'per upstream call: between body chunks' },
  { name: 'UPSTREAM_DEADLINE_MS', default: '25000', meaning: 'per operation: retries stop at this deadline' },
  { name: 'UPSTREAM_MAX_RETRIES', default: '3', meaning: 'retries of an idempotent call on 429, 502, 503, 504 or a reset' },
  { name: 'UPSTREAM_MAX_CONNECTIONS', default: '64', meaning: 'keep-alive connection pool size per upstream origin' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'INTROSPECTION', default: 'on; off when NODE_ENV=production', meaning: 'schema introspection and field suggestions' },
  { name: 'GRAPHIQL', default: 'on; off when NODE_ENV=production', meaning: 'GraphiQL on GET /graphql from a browser' },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the environment. Every bad value is reported, not only the first, and a secret's
 * value never appears in a message. Any secret may come from `<NAME>_FILE` (Docker secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const fileName = env[`${name}_FILE`];
    if (fileName !== undefined && env[name] !== undefined) {
      problems.push(`${name} and ${name}_FILE are both set: set one of them.`);
    }
    if (fileName !== undefined) {
      try {
        return readFileSync(fileName, 'utf8').trim();
      } catch {
        problems.push(`${name}_FILE: cannot read the file ${fileName}.`);
        return undefined;
      }
    }
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    problems.push(`${name} must be on or off (true/false), got "${raw}".`);
    return fallback;
  };

  const port = integer('PORT', 4000, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';

  let atlasBaseUrl = read('MONGODB_ATLAS_BASE_URL');
  if (atlasBaseUrl !== undefined) {
    try {
      const url = new URL(atlasBaseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      atlasBaseUrl = url.origin + url.pathname.replace(/\/+$/, '');
    } catch {
      problems.push(`MONGODB_ATLAS_BASE_URL must be an http(s) URL, got "${atlasBaseUrl}".`);
    }
  }

  const credentials = readCredentials(read, problems);
  if (atlasBaseUrl === undefined && credentials.kind !== 'none') atlasBaseUrl = 'https://cloud.mongodb.com';

  const tokenUrl = read('MONGODB_ATLAS_TOKEN_URL');
  if (tokenUrl !== undefined && !/^https?:\/\//.test(tokenUrl)) {
    problems.push(`MONGODB_ATLAS_TOKEN_URL must be an http(s) URL, got "${tokenUrl}".`);
  }

  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }
  const production = env.NODE_ENV === 'production';

  const config: Config = {
    port,
    host,
    atlasBaseUrl,
    credentials,
    tokenUrl,
    upstream: {
      connectTimeoutMs: integer('UPSTREAM_CONNECT_TIMEOUT_MS', 5000, 1, 600_000),
      headersTimeoutMs: integer('UPSTREAM_HEADERS_TIMEOUT_MS', 15_000, 1, 600_000),
      bodyTimeoutMs: integer('UPSTREAM_BODY_TIMEOUT_MS', 15_000, 1, 600_000),
      deadlineMs: integer('UPSTREAM_DEADLINE_MS', 25_000, 1, 600_000),
      maxRetries: integer('UPSTREAM_MAX_RETRIES', 3, 0, 10),
      maxConnections: integer('UPSTREAM_MAX_CONNECTIONS', 64, 1, 10_000),
    },
    logLevel: logLevel as Config['logLevel'],
    introspection: flag('INTROSPECTION', !production),
    graphiql: flag('GRAPHIQL', !production),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readCredentials(read: (name: string) => string | undefined, problems: string[]): AtlasCredentials {
  const publicKey = read('MONGODB_ATLAS_PUBLIC_API_KEY');
  const privateKey = read('MONGODB_ATLAS_PRIVATE_API_KEY');
  const clientId = read('MONGODB_ATLAS_CLIENT_ID');
  const clientSecret = read('MONGODB_ATLAS_CLIENT_SECRET');
  const hasKey = publicKey !== undefined || privateKey !== undefined;
  const hasAccount = clientId !== undefined || clientSecret !== undefined;
  if (hasKey && (publicKey === undefined || privateKey === undefined)) {
    problems.push('MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY must be set together.');
  }
  if (hasAccount && (clientId === undefined || clientSecret === undefined)) {
    problems.push('MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET must be set together.');
  }
  if (hasKey && hasAccount) {
    problems.push('Set either an API key pair (Digest) or a service account (client id and secret), not both.');
  }
  if (publicKey && privateKey && !hasAccount) return { kind: 'digest', publicKey, privateKey };
  if (clientId && clientSecret && !hasKey) return { kind: 'service-account', clientId, clientSecret };
  return { kind: 'none' };
}
