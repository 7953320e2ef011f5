import { readFileSync } from 'node:fs';

/** The validated settings of one gateway process (docs/configuration.md). */
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
  /** Per project and credential (docs/upstream.md: Atlas's documented Cloud Backups values). */
  projectLimits: { concurrency: number; ratePerMinute: number; burst: number };
  /** Polling of a run watched by `pipelineRunUpdated`: the first interval, and the cap it grows to while nothing changes. */
  runPolling: { initialMs: number; maxMs: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Response cache time to live; 0 turns the cache off. */
  cacheTtlMs: number;
  /** Shares the response cache and the upstream limiter between replicas. */
  redisUrl: string | undefined;
  /** How long in-flight operations get to finish after SIGTERM. */
  shutdownTimeoutMs: number;
  /** Who may call the gateway, and which Atlas credential its calls carry (src/auth/). */
  auth: ClientAuthConfig;
  limits: OperationLimits;
  trustedDocuments: TrustedDocumentsMode;
  introspection: boolean;
  graphiql: boolean;
  /** Browser origins allowed to call the gateway cross-origin; empty: no CORS headers at all. `*` is any origin. */
  corsOrigins: string[];
  /** GraphQL over HTTP batching: a JSON array of operations in one request. */
  batching: boolean;
}

export type AtlasCredentials =
  | { kind: 'none' }
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'service-account'; clientId: string; clientSecret: string };

export type ClientAuthConfig =
  | { mode: 'none' }
  /** The caller's own Atlas access token goes upstream; the gateway holds no credential. */
  | { mode: 'forward' }
  | {
      mode: 'jwt';
      key: { secret: string } | { jwksUrl: string };
      issuer: string;
      audience: string;
      /** The claim listing the Atlas project ids the caller may use. */
      projectsClaim: string;
    };

/** Refused before execution as OPERATION_LIMIT (docs/security.md, Limits). */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  bodyBytes: number;
}

export type TrustedDocumentsMode = 'off' | 'allow' | 'only';

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
    meaning:
      'Atlas origin; set without credentials, calls go unauthenticated (a standalone simulator, a signing proxy)',
  },
  {
    name: 'MONGODB_ATLAS_PUBLIC_API_KEY',
    default: '–',
    meaning: 'Digest API key, public part (with the private key)',
    secret: true,
  },
  {
    name: 'MONGODB_ATLAS_PRIVATE_API_KEY',
    default: '–',
    meaning: 'Digest API key, private part',
    secret: true,
  },
  {
    name: 'MONGODB_ATLAS_CLIENT_ID',
    default: '–',
    meaning: 'service account client id (with the secret); not with an API key',
    secret: true,
  },
  {
    name: 'MONGODB_ATLAS_CLIENT_SECRET',
    default: '–',
    meaning: 'service account client secret',
    secret: true,
  },
  {
    name: 'MONGODB_ATLAS_TOKEN_URL',
    default: '${base}/api/oauth/token',
    meaning: 'service account token endpoint',
  },
  {
    name: 'UPSTREAM_CONNECT_TIMEOUT_MS',
    default: '5000',
    meaning: 'per upstream call: TCP/TLS connect',
  },
  {
    name: 'UPSTREAM_HEADERS_TIMEOUT_MS',
    default: '15000',
    meaning: 'per upstream call: until response headers',
  },
  {
    name: 'UPSTREAM_BODY_TIMEOUT_MS',
    default: '15000',
    meaning: 'per upstream call: between body chunks',
  },
  {
    name: 'UPSTREAM_DEADLINE_MS',
    default: '25000',
    meaning: 'per operation: retries stop at this deadline',
  },
  {
    name: 'UPSTREAM_MAX_RETRIES',
    default: '3',
    meaning: 'retries of an idempotent call on 429, 502, 503, 504 or a reset',
  },
  {
    name: 'UPSTREAM_MAX_CONNECTIONS',
    default: '64',
    meaning: 'keep-alive connection pool size per upstream origin',
  },
  {
    name: 'UPSTREAM_PROJECT_CONCURRENCY',
    default: '20',
    meaning: 'upstream calls in flight at once per project and credential; more wait in a queue',
  },
  {
    name: 'UPSTREAM_PROJECT_RATE_PER_MINUTE',
    default: '500',
    meaning: 'token bucket refill per minute, per project and credential',
  },
  {
    name: 'UPSTREAM_PROJECT_BURST',
    default: '1200',
    meaning: 'token bucket capacity per project and credential (shared through Redis when set)',
  },
  {
    name: 'RUN_POLL_INITIAL_MS',
    default: '1000',
    meaning:
      '`pipelineRunUpdated`: first upstream poll interval of a watched run, and again after each change',
  },
  {
    name: 'RUN_POLL_MAX_MS',
    default: '15000',
    meaning: '`pipelineRunUpdated`: the interval grows 1.5x per unchanged poll up to this',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    meaning: 'fatal, error, warn, info, debug, trace or silent',
  },
  {
    name: 'AUTH_MODE',
    default: 'none',
    meaning:
      "client authentication: `jwt`, `forward` (the caller's Atlas token goes upstream; no gateway credentials) or `none`",
  },
  {
    name: 'AUTH_JWT_SECRET',
    default: '–',
    meaning: 'jwt: shared HMAC secret (HS256/384/512); or set `AUTH_JWKS_URL`',
    secret: true,
  },
  {
    name: 'AUTH_JWKS_URL',
    default: '–',
    meaning: "jwt: JWKS URL of the token issuer's public keys",
  },
  { name: 'AUTH_JWT_ISSUER', default: '–', meaning: 'jwt: required `iss`' },
  { name: 'AUTH_JWT_AUDIENCE', default: '–', meaning: 'jwt: required `aud`' },
  {
    name: 'AUTH_PROJECTS_CLAIM',
    default: 'atlas_projects',
    meaning:
      'jwt: claim with the Atlas project ids the caller may use (JSON array or space-separated string)',
  },
  {
    name: 'AUTH_ALLOW_NONE',
    default: 'false',
    meaning: 'allow `AUTH_MODE=none` on a non-loopback `HOST`',
  },
  { name: 'LIMIT_MAX_DEPTH', default: '15', meaning: 'deepest selection (introspection exempt)' },
  { name: 'LIMIT_MAX_ALIASES', default: '100', meaning: 'aliases per operation' },
  { name: 'LIMIT_MAX_TOKENS', default: '10000', meaning: 'lexical tokens per document' },
  { name: 'LIMIT_MAX_DIRECTIVES', default: '50', meaning: 'directives per operation' },
  {
    name: 'LIMIT_MAX_COST',
    default: '50000',
    meaning:
      'operation cost: a field costs 1, a connection its `first`/`last` (default 20) times its selection',
  },
  {
    name: 'LIMIT_BODY_BYTES',
    default: '262144',
    meaning: 'largest request body; GET URLs over 16 KiB are refused too',
  },
  {
    name: 'TRUSTED_DOCUMENTS',
    default: 'off',
    meaning:
      '`allow`: also run documents by hash from `schema/trusted-documents.json`; `only`: run nothing else',
  },
  {
    name: 'INTROSPECTION',
    default: 'on; off when NODE_ENV=production',
    meaning: 'schema introspection and field suggestions',
  },
  {
    name: 'GRAPHIQL',
    default: 'on; off when NODE_ENV=production',
    meaning: 'GraphiQL on GET /graphql from a browser',
  },
  {
    name: 'CORS_ORIGINS',
    default: 'none',
    meaning:
      'comma-separated browser origins (`https://app.example.com`) allowed to call cross-origin, or `*` for any; never with cookies',
  },
  {
    name: 'BATCHING',
    default: 'off',
    meaning: 'on: a POST body may be a JSON array of up to 10 operations, answered by an array',
  },
  {
    name: 'CACHE_TTL_MS',
    default: '0 (off)',
    meaning:
      'response cache time to live, per credential and project; in memory, or in Redis with REDIS_URL',
  },
  {
    name: 'REDIS_URL',
    default: '–',
    meaning:
      'redis:// URL: the response cache and the upstream rate limit are shared by every replica through it',
    secret: true,
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    meaning:
      'after SIGTERM, how long in-flight operations get to finish before connections are cut',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    default: 'otlp when an OTLP endpoint is set, else none',
    meaning:
      "OpenTelemetry spans (operations, upstream calls): otlp, console or none; OpenTelemetry's own OTEL_* variables apply",
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: '–',
    meaning: 'OTLP/HTTP collector for the spans (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)',
  },
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
      problems.push(
        `MONGODB_ATLAS_BASE_URL must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).`,
      );
    }
  }

  const credentials = readCredentials(read, problems);
  if (atlasBaseUrl === undefined && credentials.kind !== 'none')
    atlasBaseUrl = 'https://cloud.mongodb.com';

  const tokenUrl = read('MONGODB_ATLAS_TOKEN_URL');
  if (tokenUrl !== undefined && !/^https?:\/\//.test(tokenUrl)) {
    problems.push(
      `MONGODB_ATLAS_TOKEN_URL must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).`,
    );
  }

  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }
  const production = env.NODE_ENV === 'production';
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = (read(name) ?? fallback).toLowerCase();
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(', ')}, got "${raw}".`);
    return fallback;
  };
  const auth = readClientAuth(
    read,
    problems,
    oneOf('AUTH_MODE', ['none', 'jwt', 'forward'], 'none'),
  );
  if (auth.mode === 'forward' && credentials.kind !== 'none') {
    problems.push(
      "AUTH_MODE=forward sends each caller's own Atlas token upstream: unset the MONGODB_ATLAS_* credentials.",
    );
  }
  // Forwarded tokens are real Atlas tokens: without a base URL they go to Atlas, not to the simulator.
  if (auth.mode === 'forward' && atlasBaseUrl === undefined)
    atlasBaseUrl = 'https://cloud.mongodb.com';
  if (auth.mode === 'none' && !isLoopback(host) && !flag('AUTH_ALLOW_NONE', false)) {
    problems.push(
      `AUTH_MODE=none lets anyone use the gateway's Atlas credentials: bind HOST to loopback, choose jwt or forward, or set AUTH_ALLOW_NONE=true (HOST is "${host}").`,
    );
  }
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    // The URL may hold a password: the message never repeats it.
    problems.push('REDIS_URL must be a redis:// or rediss:// URL.');
  }

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
    projectLimits: {
      concurrency: integer('UPSTREAM_PROJECT_CONCURRENCY', 20, 1, 10_000),
      ratePerMinute: integer('UPSTREAM_PROJECT_RATE_PER_MINUTE', 500, 1, 1_000_000),
      burst: integer('UPSTREAM_PROJECT_BURST', 1200, 1, 1_000_000),
    },
    runPolling: {
      initialMs: integer('RUN_POLL_INITIAL_MS', 1000, 1, 600_000),
      maxMs: integer('RUN_POLL_MAX_MS', 15_000, 1, 600_000),
    },
    logLevel: logLevel as Config['logLevel'],
    cacheTtlMs: integer('CACHE_TTL_MS', 0, 0, 86_400_000),
    redisUrl,
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    auth,
    limits: {
      maxDepth: integer('LIMIT_MAX_DEPTH', 15, 1, 1000),
      maxAliases: integer('LIMIT_MAX_ALIASES', 100, 0, 100_000),
      maxTokens: integer('LIMIT_MAX_TOKENS', 10_000, 1, 1_000_000),
      maxDirectives: integer('LIMIT_MAX_DIRECTIVES', 50, 0, 100_000),
      maxCost: integer('LIMIT_MAX_COST', 50_000, 1, 1_000_000_000),
      bodyBytes: integer('LIMIT_BODY_BYTES', 262_144, 1024, 100 * 1024 * 1024),
    },
    trustedDocuments: oneOf('TRUSTED_DOCUMENTS', ['off', 'allow', 'only'], 'off'),
    introspection: flag('INTROSPECTION', !production),
    graphiql: flag('GRAPHIQL', !production),
    corsOrigins: readOrigins(read('CORS_ORIGINS'), problems),
    batching: flag('BATCHING', false),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const isLoopback = (host: string) =>
  /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost';

function readClientAuth(
  read: (name: string) => string | undefined,
  problems: string[],
  mode: ClientAuthConfig['mode'],
): ClientAuthConfig {
  if (mode !== 'jwt') return { mode };
  const secret = read('AUTH_JWT_SECRET');
  const jwksUrl = read('AUTH_JWKS_URL');
  const issuer = read('AUTH_JWT_ISSUER');
  const audience = read('AUTH_JWT_AUDIENCE');
  if ((secret === undefined) === (jwksUrl === undefined)) {
    problems.push('AUTH_MODE=jwt needs exactly one of AUTH_JWT_SECRET and AUTH_JWKS_URL.');
  }
  // A short HMAC secret can be brute-forced offline from any token it signed.
  if (secret !== undefined && Buffer.byteLength(secret) < 32)
    problems.push('AUTH_JWT_SECRET must be at least 32 bytes long.');
  if (jwksUrl !== undefined && !/^https?:\/\/[^/]/.test(jwksUrl))
    problems.push(
      `AUTH_JWKS_URL must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).`,
    );
  if (issuer === undefined) problems.push('AUTH_MODE=jwt needs AUTH_JWT_ISSUER.');
  if (audience === undefined) problems.push('AUTH_MODE=jwt needs AUTH_JWT_AUDIENCE.');
  return {
    mode,
    key: secret !== undefined ? { secret } : { jwksUrl: jwksUrl ?? '' },
    issuer: issuer ?? '',
    audience: audience ?? '',
    projectsClaim: read('AUTH_PROJECTS_CLAIM') ?? 'atlas_projects',
  };
}

/** `CORS_ORIGINS`: a comma-separated list of origins (scheme, host and port only), or `*`. */
function readOrigins(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.includes('*')) return ['*'];
  for (const origin of origins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid)
      problems.push(
        `CORS_ORIGINS must list origins like https://app.example.com (no path or trailing slash), or *, got "${origin}".`,
      );
  }
  return origins;
}

function readCredentials(
  read: (name: string) => string | undefined,
  problems: string[],
): AtlasCredentials {
  const publicKey = read('MONGODB_ATLAS_PUBLIC_API_KEY');
  const privateKey = read('MONGODB_ATLAS_PRIVATE_API_KEY');
  const clientId = read('MONGODB_ATLAS_CLIENT_ID');
  const clientSecret = read('MONGODB_ATLAS_CLIENT_SECRET');
  const hasKey = publicKey !== undefined || privateKey !== undefined;
  const hasAccount = clientId !== undefined || clientSecret !== undefined;
  if (hasKey && (publicKey === undefined || privateKey === undefined)) {
    problems.push(
      'MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY must be set together.',
    );
  }
  if (hasAccount && (clientId === undefined || clientSecret === undefined)) {
    problems.push('MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET must be set together.');
  }
  if (hasKey && hasAccount) {
    problems.push(
      'Set either an API key pair (Digest) or a service account (client id and secret), not both.',
    );
  }
  if (publicKey && privateKey && !hasAccount) return { kind: 'digest', publicKey, privateKey };
  if (clientId && clientSecret && !hasKey)
    return { kind: 'service-account', clientId, clientSecret };
  return { kind: 'none' };
}
