import { readFileSync } from 'node:fs';

/**
 * Every environment variable the gateway documents, declared once. loadConfig (./index.ts) takes each
 * value's validation and default from here, and `npm run docs:config` (./docs.ts) writes the table of
 * docs/configuration.md and the whole of .env.example from here; tests fail when either file drifts.
 */
interface Declared {
  name: string;
  /** One line for the configuration page and .env.example. */
  meaning: string;
  /** Never repeated in a message; the page suggests `<NAME>_FILE` for it. */
  secret?: boolean;
  /** The default as the page states it, when it is no fixed value but follows from other settings. */
  defaultText?: string;
  /** The module that reads it, when loadConfig does not: declared only so that the page lists it. */
  readBy?: string;
  /** Also read under its lowercase name when unset (`https_proxy`: curl's convention), checked the same way. */
  lowercase?: boolean;
}

export interface IntegerSetting extends Declared {
  type: 'integer';
  default: number;
  min: number;
  max: number;
}

export interface FlagSetting extends Declared {
  type: 'flag';
  default: boolean;
  /** The default instead when NODE_ENV=production. */
  production?: boolean;
}

export interface OneOfSetting extends Declared {
  type: 'one-of';
  values: readonly string[];
  default: string;
}

export interface UrlSetting extends Declared {
  type: 'url';
  schemes: keyof typeof URL_SCHEMES;
  /**
   * The test a value passes instead of parsing as a URL of those schemes. It keeps the looser checks
   * these settings had before they were declared here, so that no value accepted then is refused now.
   */
  pattern?: RegExp;
  /** Keep only the origin and path: no credentials, query, fragment or trailing slash. */
  originAndPath?: boolean;
}

export interface StringSetting extends Declared {
  type: 'string';
  default?: string;
  minBytes?: number;
}

export interface ListSetting extends Declared {
  type: 'list';
  /** Browser origins (scheme, host and port), or `*` alone for any. */
  items: 'origins';
}

export type Setting =
  | IntegerSetting
  | FlagSetting
  | OneOfSetting
  | UrlSetting
  | StringSetting
  | ListSetting;

const URL_SCHEMES = {
  'http(s)': {
    protocols: ['http:', 'https:'],
    text: 'http(s) URL',
    problem: (name: string) =>
      `${name} must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).`,
  },
  redis: {
    protocols: ['redis:', 'rediss:'],
    text: 'redis:// or rediss:// URL',
    // The URL may hold a password: the message never repeats it.
    problem: (name: string) => `${name} must be a redis:// or rediss:// URL.`,
  },
} as const;

export const urlText = (setting: UrlSetting) => URL_SCHEMES[setting.schemes].text;

export const SETTINGS = [
  {
    name: 'PORT',
    type: 'integer',
    default: 4000,
    min: 0,
    max: 65535,
    meaning: 'listen port',
  },
  {
    name: 'HOST',
    type: 'string',
    default: '127.0.0.1',
    meaning: 'listen address (docker-compose sets 0.0.0.0)',
  },
  {
    name: 'SERVER_HEADERS_TIMEOUT_MS',
    type: 'integer',
    default: 10_000,
    min: 1,
    max: 600_000,
    meaning: "time a client has to send a request's headers",
  },
  {
    name: 'SERVER_REQUEST_TIMEOUT_MS',
    type: 'integer',
    default: 30_000,
    min: 1,
    max: 3_600_000,
    meaning: 'time a client has to send a whole request; not less than `SERVER_HEADERS_TIMEOUT_MS`',
  },
  {
    name: 'SERVER_KEEP_ALIVE_TIMEOUT_MS',
    type: 'integer',
    default: 5000,
    min: 1,
    max: 600_000,
    meaning: 'how long an idle keep-alive connection stays open',
  },
  {
    name: 'MONGODB_ATLAS_BASE_URL',
    type: 'url',
    schemes: 'http(s)',
    originAndPath: true,
    defaultText: 'embedded simulator without credentials, else https://cloud.mongodb.com',
    meaning:
      'Atlas origin; set without credentials, calls go unauthenticated (a standalone simulator, a signing proxy)',
  },
  {
    name: 'MONGODB_ATLAS_PUBLIC_API_KEY',
    type: 'string',
    secret: true,
    meaning: 'Digest API key, public part (with the private key)',
  },
  {
    name: 'MONGODB_ATLAS_PRIVATE_API_KEY',
    type: 'string',
    secret: true,
    meaning: 'Digest API key, private part',
  },
  {
    name: 'MONGODB_ATLAS_CLIENT_ID',
    type: 'string',
    secret: true,
    meaning: 'service account client id (with the secret); not with an API key',
  },
  {
    name: 'MONGODB_ATLAS_CLIENT_SECRET',
    type: 'string',
    secret: true,
    meaning: 'service account client secret',
  },
  {
    name: 'MONGODB_ATLAS_TOKEN_URL',
    type: 'url',
    schemes: 'http(s)',
    pattern: /^https?:\/\//,
    defaultText: 'the base URL + /api/oauth/token',
    meaning: 'service account token endpoint',
  },
  {
    name: 'UPSTREAM_CONNECT_TIMEOUT_MS',
    type: 'integer',
    default: 5000,
    min: 1,
    max: 600_000,
    meaning: 'per upstream call: TCP/TLS connect',
  },
  {
    name: 'UPSTREAM_HEADERS_TIMEOUT_MS',
    type: 'integer',
    default: 15_000,
    min: 1,
    max: 600_000,
    meaning: 'per upstream call: until response headers',
  },
  {
    name: 'UPSTREAM_BODY_TIMEOUT_MS',
    type: 'integer',
    default: 15_000,
    min: 1,
    max: 600_000,
    meaning: 'per upstream call: between body chunks',
  },
  {
    name: 'UPSTREAM_DEADLINE_MS',
    type: 'integer',
    default: 25_000,
    min: 1,
    max: 600_000,
    meaning: 'per operation: retries stop at this deadline',
  },
  {
    name: 'UPSTREAM_MAX_RETRIES',
    type: 'integer',
    default: 3,
    min: 0,
    max: 10,
    meaning: 'retries of an idempotent call on 429, 502, 503, 504 or a reset',
  },
  {
    name: 'UPSTREAM_MAX_CONNECTIONS',
    type: 'integer',
    default: 64,
    min: 1,
    max: 10_000,
    meaning: 'keep-alive connection pool size per upstream origin',
  },
  {
    name: 'HTTPS_PROXY',
    type: 'url',
    schemes: 'http(s)',
    secret: true,
    lowercase: true,
    meaning:
      'forward proxy of https upstream calls (Atlas, its token endpoint), with its credentials if any (`http://user:pass@proxy:3128`); or `https_proxy`; never for the embedded simulator',
  },
  {
    name: 'HTTP_PROXY',
    type: 'url',
    schemes: 'http(s)',
    secret: true,
    lowercase: true,
    meaning:
      'forward proxy of http upstream calls, and of https ones when `HTTPS_PROXY` is unset; or `http_proxy`',
  },
  {
    name: 'NO_PROXY',
    type: 'string',
    lowercase: true,
    meaning:
      'upstream hosts called directly, not through the proxy: comma-separated names (each with its subdomains), IPs, `host:port`, or `*` for all; no CIDR ranges; or `no_proxy`',
  },
  {
    name: 'UPSTREAM_PROJECT_CONCURRENCY',
    type: 'integer',
    default: 20,
    min: 1,
    max: 10_000,
    meaning: 'upstream calls in flight at once per project and credential; more wait in a queue',
  },
  {
    name: 'UPSTREAM_RATE_LIMITS_REFRESH_MS',
    type: 'integer',
    default: 600_000,
    min: 0,
    max: 86_400_000,
    meaning:
      "how often Atlas's rate limits (`listRateLimits`) are read, first at start, with the gateway's own credential; 0: never (the configured bucket serves every route)",
  },
  {
    name: 'UPSTREAM_ADMISSION',
    type: 'flag',
    default: true,
    meaning:
      "refuse at once (RATE_LIMITED, retryAfter) an operation whose predicted upstream calls the project's budget cannot serve before its deadline",
  },
  {
    name: 'UPSTREAM_PROJECT_RATE_PER_MINUTE',
    type: 'integer',
    default: 500,
    min: 1,
    max: 1_000_000,
    meaning: 'token bucket refill per minute, per project and credential',
  },
  {
    name: 'UPSTREAM_PROJECT_BURST',
    type: 'integer',
    default: 1200,
    min: 1,
    max: 1_000_000,
    meaning: 'token bucket capacity per project and credential (shared through Redis when set)',
  },
  {
    name: 'RUN_POLL_INITIAL_MS',
    type: 'integer',
    default: 1000,
    min: 1,
    max: 600_000,
    meaning:
      'Watches (`pipelineRunUpdated`, `exportJobUpdated`, ...): first upstream poll interval of a watched object, and again after each change',
  },
  {
    name: 'RUN_POLL_MAX_MS',
    type: 'integer',
    default: 15_000,
    min: 1,
    max: 600_000,
    meaning: 'Watches: the interval grows 1.5x per unchanged poll up to this',
  },
  {
    name: 'LOG_LEVEL',
    type: 'one-of',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    meaning: 'least severe level logged; `silent` logs nothing',
  },
  {
    name: 'AUTH_MODE',
    type: 'one-of',
    values: ['none', 'jwt', 'forward'],
    default: 'none',
    meaning:
      "client authentication: `jwt`, `forward` (the caller's Atlas token goes upstream; no gateway credentials) or `none`",
  },
  {
    name: 'AUTH_JWT_SECRET',
    type: 'string',
    secret: true,
    // A short HMAC secret can be brute-forced offline from any token it signed.
    minBytes: 32,
    meaning: 'jwt: shared HMAC secret (HS256/384/512); or set `AUTH_JWKS_URL`',
  },
  {
    name: 'AUTH_JWKS_URL',
    type: 'url',
    schemes: 'http(s)',
    pattern: /^https?:\/\/[^/]/,
    meaning: "jwt: JWKS URL of the token issuer's public keys",
  },
  {
    name: 'AUTH_JWT_ISSUER',
    type: 'string',
    meaning: 'jwt: required `iss`',
  },
  {
    name: 'AUTH_JWT_AUDIENCE',
    type: 'string',
    meaning: 'jwt: required `aud`',
  },
  {
    name: 'AUTH_PROJECTS_CLAIM',
    type: 'string',
    default: 'atlas_projects',
    meaning:
      'jwt: claim with the Atlas project ids the caller may use (JSON array or space-separated string)',
  },
  {
    name: 'AUTH_ALLOW_NONE',
    type: 'flag',
    default: false,
    meaning: 'allow `AUTH_MODE=none` on a non-loopback `HOST`',
  },
  {
    name: 'LIMIT_MAX_DEPTH',
    type: 'integer',
    default: 15,
    min: 1,
    max: 1000,
    meaning: 'deepest selection (introspection exempt)',
  },
  {
    name: 'LIMIT_MAX_ALIASES',
    type: 'integer',
    default: 100,
    min: 0,
    max: 100_000,
    meaning: 'aliases per operation',
  },
  {
    name: 'LIMIT_MAX_TOKENS',
    type: 'integer',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    meaning: 'lexical tokens per document',
  },
  {
    name: 'LIMIT_MAX_DIRECTIVES',
    type: 'integer',
    default: 50,
    min: 0,
    max: 100_000,
    meaning: 'directives per operation',
  },
  {
    name: 'LIMIT_MAX_COST',
    type: 'integer',
    default: 50_000,
    min: 1,
    max: 1_000_000_000,
    meaning:
      'operation cost: a field costs 1, a connection its `first`/`last` (default 20) times its selection',
  },
  {
    name: 'LIMIT_BODY_BYTES',
    type: 'integer',
    default: 262_144,
    min: 1024,
    max: 100 * 1024 * 1024,
    meaning: 'largest request body; GET URLs over 16 KiB are refused too',
  },
  {
    name: 'TRUSTED_DOCUMENTS',
    type: 'one-of',
    values: ['off', 'allow', 'only'],
    default: 'off',
    meaning:
      '`allow`: also run documents by hash from `schema/trusted-documents.json` (or `TRUSTED_DOCUMENTS_MANIFEST`); `only`: run nothing else',
  },
  {
    name: 'TRUSTED_DOCUMENTS_MANIFEST',
    type: 'string',
    defaultText: '`schema/trusted-documents.json`',
    meaning:
      "path of your app's trusted documents, which `TRUSTED_DOCUMENTS` then serves instead of the repository's: an Apollo persisted query manifest or a `{hash: document}` map (GraphQL Code Generator, Relay), checked against the schema at start",
  },
  {
    name: 'INTROSPECTION',
    type: 'flag',
    default: true,
    production: false,
    meaning: 'schema introspection and field suggestions',
  },
  {
    name: 'GRAPHIQL',
    type: 'flag',
    default: true,
    production: false,
    meaning: 'GraphiQL on GET /graphql from a browser',
  },
  {
    name: 'CORS_ORIGINS',
    type: 'list',
    items: 'origins',
    meaning:
      'browser origins (`https://app.example.com`) allowed to call cross-origin (HTTP and WebSocket), or `*` for any; never with cookies',
  },
  {
    name: 'BATCHING',
    type: 'flag',
    default: false,
    meaning: 'on: a POST body may be a JSON array of up to 10 operations, answered by an array',
  },
  {
    name: 'CACHE_TTL_MS',
    type: 'integer',
    default: 0,
    min: 0,
    max: 86_400_000,
    meaning:
      'response cache time to live (0: no cache), per credential and project; in memory, or in Redis with `REDIS_URL`',
  },
  {
    name: 'REDIS_URL',
    type: 'url',
    schemes: 'redis',
    pattern: /^rediss?:\/\/[^\s]+$/,
    secret: true,
    meaning:
      'the Redis through which every replica shares the response cache and the upstream rate limit',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    type: 'integer',
    default: 10_000,
    min: 0,
    max: 600_000,
    meaning:
      'after SIGTERM, how long in-flight operations get to finish before connections are cut',
  },
  {
    name: 'SHUTDOWN_DRAIN_MS',
    type: 'integer',
    default: 5_000,
    min: 0,
    max: 600_000,
    meaning:
      'after SIGTERM, how long `/readyz` answers 503 while requests are still served, before the graceful close begins',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    type: 'one-of',
    values: ['otlp', 'console', 'none'],
    default: 'none',
    defaultText: 'otlp when an OTLP endpoint is set, else none',
    readBy: 'src/tracing.ts',
    meaning:
      "OpenTelemetry spans (operations, upstream calls); OpenTelemetry's own `OTEL_*` variables apply",
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    type: 'url',
    schemes: 'http(s)',
    readBy: 'src/tracing.ts',
    meaning: 'OTLP/HTTP collector for the spans (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)',
  },
] as const satisfies readonly Setting[];

export type SettingName = (typeof SETTINGS)[number]['name'];

type Declaration<N extends SettingName> = Extract<(typeof SETTINGS)[number], { name: N }>;

/** What loadConfig gets for a setting: its default when unset, and also when invalid (then reported). */
export type SettingValue<N extends SettingName> =
  Declaration<N> extends { type: 'integer' }
    ? number
    : Declaration<N> extends { type: 'flag' }
      ? boolean
      : Declaration<N> extends { type: 'one-of'; values: readonly (infer V)[] }
        ? V
        : Declaration<N> extends { type: 'list' }
          ? string[]
          : Declaration<N> extends { default: string }
            ? string
            : string | undefined;

const BY_NAME: ReadonlyMap<string, Setting> = new Map(
  (SETTINGS as readonly Setting[]).map((setting) => [setting.name, setting]),
);

/**
 * Reads settings from an environment, collecting every problem instead of stopping at the first, as
 * docs/configuration.md promises. Any setting may come from `<NAME>_FILE` (Docker secrets).
 */
export class SettingsReader {
  private readonly env: NodeJS.ProcessEnv;
  readonly problems: string[];

  constructor(env: NodeJS.ProcessEnv, problems: string[]) {
    this.env = env;
    this.problems = problems;
  }

  /** The setting's text, unchecked: undefined when unset or empty. */
  raw(name: SettingName): string | undefined {
    const fileName = this.env[`${name}_FILE`];
    if (fileName !== undefined && this.env[name] !== undefined) {
      this.problems.push(`${name} and ${name}_FILE are both set: set one of them.`);
    }
    if (fileName !== undefined) {
      try {
        return readFileSync(fileName, 'utf8').trim();
      } catch {
        this.problems.push(`${name}_FILE: cannot read the file ${fileName}.`);
        return undefined;
      }
    }
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /**
   * Checks text read earlier with `raw`, for rules that must report in a given order. `readFrom` names
   * the variable the text came from in any message.
   */
  parse<N extends SettingName>(
    name: N,
    raw: string | undefined,
    readFrom: string = name,
  ): SettingValue<N> {
    const setting = BY_NAME.get(name)!;
    return parseSetting(
      { ...setting, name: readFrom },
      raw,
      this.env,
      this.problems,
    ) as SettingValue<N>;
  }

  value<N extends SettingName>(name: N): SettingValue<N> {
    const raw = this.raw(name);
    const lowercase = name.toLowerCase();
    if (raw === undefined && BY_NAME.get(name)!.lowercase && this.env[lowercase]) {
      return this.parse(name, this.env[lowercase], lowercase);
    }
    return this.parse(name, raw);
  }
}

function parseSetting(
  setting: Setting,
  raw: string | undefined,
  env: NodeJS.ProcessEnv,
  problems: string[],
): unknown {
  const { name } = setting;
  switch (setting.type) {
    case 'integer': {
      if (raw === undefined) return setting.default;
      const value = Number(raw);
      const { min, max } = setting;
      if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
        return setting.default;
      }
      return value;
    }
    case 'flag': {
      const fallback =
        setting.production !== undefined && env.NODE_ENV === 'production'
          ? setting.production
          : setting.default;
      const text = raw?.toLowerCase();
      if (text === undefined) return fallback;
      if (['1', 'true', 'on', 'yes'].includes(text)) return true;
      if (['0', 'false', 'off', 'no'].includes(text)) return false;
      problems.push(`${name} must be on or off (true/false), got "${text}".`);
      return fallback;
    }
    case 'one-of': {
      const text = (raw ?? setting.default).toLowerCase();
      if (setting.values.includes(text)) return text;
      problems.push(`${name} must be one of ${setting.values.join(', ')}, got "${text}".`);
      return setting.default;
    }
    case 'url': {
      if (raw === undefined) return undefined;
      const schemes = URL_SCHEMES[setting.schemes];
      if (setting.pattern !== undefined) {
        if (setting.pattern.test(raw)) return raw;
      } else {
        try {
          const url = new URL(raw);
          if ((schemes.protocols as readonly string[]).includes(url.protocol)) {
            return setting.originAndPath ? url.origin + url.pathname.replace(/\/+$/, '') : raw;
          }
        } catch {
          // Reported below, as any other value that is no such URL.
        }
      }
      problems.push(schemes.problem(name));
      return undefined;
    }
    case 'string': {
      if (raw === undefined) return setting.default;
      if (setting.minBytes !== undefined && Buffer.byteLength(raw) < setting.minBytes) {
        problems.push(`${name} must be at least ${setting.minBytes} bytes long.`);
      }
      return raw;
    }
    case 'list':
      return raw === undefined ? [] : parseOrigins(name, raw, problems);
  }
}

function parseOrigins(name: string, raw: string, problems: string[]): string[] {
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
        `${name} must list origins like https://app.example.com (no path or trailing slash), or *, got "${origin}".`,
      );
  }
  return origins;
}
