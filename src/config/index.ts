import { SettingsReader } from './settings.ts';

/** The validated settings of one gateway process; docs/configuration.md lists them. */
export interface Config {
  port: number;
  host: string;
  /** How long the gateway's own HTTP server waits on its clients. */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
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
    /** The forward proxy upstream calls go through; none without one, and none to the embedded simulator. */
    proxy: UpstreamProxy | undefined;
  };
  /** Per project and credential; the defaults are the Atlas Cloud Backups rate limits. */
  projectLimits: { concurrency: number; ratePerMinute: number; burst: number };
  /** How often Atlas's endpoint sets are read (0: never), and whether operations are admitted first. */
  budget: { rateLimitsRefreshMs: number; admission: boolean };
  /** Polling of a run watched by `pipelineRunUpdated`: the first interval, and the cap it grows to while nothing changes. */
  runPolling: { initialMs: number; maxMs: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Response cache time to live; 0 turns the cache off. */
  cacheTtlMs: number;
  /** Shares the response cache and the upstream limiter between replicas. */
  redisUrl: string | undefined;
  /** How long in-flight operations get to finish after SIGTERM. */
  shutdownTimeoutMs: number;
  /** After SIGTERM and before the close: not ready, still serving, so load balancers stop routing here first. */
  shutdownDrainMs: number;
  /** Who may call the gateway, and which Atlas credential its calls carry (src/auth/). */
  auth: ClientAuthConfig;
  limits: OperationLimits;
  trustedDocuments: TrustedDocumentsMode;
  /** A client app's manifest, served by `trustedDocuments` instead of schema/trusted-documents.json. */
  trustedDocumentsManifest: string | undefined;
  introspection: boolean;
  graphiql: boolean;
  /** Browser origins allowed to call the gateway cross-origin; empty: no CORS headers at all. `*` is any origin. */
  corsOrigins: string[];
  /** GraphQL over HTTP batching: a JSON array of operations in one request. */
  batching: boolean;
}

/** HTTP(S)_PROXY and NO_PROXY as validated here: the client reads no proxy variable itself. */
export interface UpstreamProxy {
  /** For http upstream URLs, and https ones when httpsProxy is unset. */
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  /** Hosts called directly, in undici's `EnvHttpProxyAgent` syntax; empty: none. */
  noProxy: string;
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

/** Refused before execution as OPERATION_LIMIT. */
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
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Every bad value is reported, not only the first, and a secret's
 * value never appears in a message. Any setting may come from `<NAME>_FILE` (Docker secrets). Each
 * value's check and default are declared in ./settings.ts; the rules across settings are here, read in
 * an order that keeps the messages in a stable order.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const settings = new SettingsReader(env, problems);

  const port = settings.value('PORT');
  const host = settings.value('HOST');
  let atlasBaseUrl = settings.value('MONGODB_ATLAS_BASE_URL');
  const credentials = readCredentials(settings);
  if (atlasBaseUrl === undefined && credentials.kind !== 'none')
    atlasBaseUrl = 'https://cloud.mongodb.com';
  const tokenUrl = settings.value('MONGODB_ATLAS_TOKEN_URL');
  const logLevel = settings.value('LOG_LEVEL');

  const auth = readClientAuth(settings, settings.value('AUTH_MODE'));
  if (auth.mode === 'forward' && credentials.kind !== 'none') {
    problems.push(
      "AUTH_MODE=forward sends each caller's own Atlas token upstream: unset the MONGODB_ATLAS_* credentials.",
    );
  }
  // Forwarded tokens are real Atlas tokens: without a base URL they go to Atlas, not to the simulator.
  if (auth.mode === 'forward' && atlasBaseUrl === undefined)
    atlasBaseUrl = 'https://cloud.mongodb.com';
  if (auth.mode === 'none' && !isLoopback(host) && !settings.value('AUTH_ALLOW_NONE')) {
    problems.push(
      `AUTH_MODE=none lets anyone use the gateway's Atlas credentials: bind HOST to loopback, choose jwt or forward, or set AUTH_ALLOW_NONE=true (HOST is "${host}").`,
    );
  }
  const redisUrl = settings.value('REDIS_URL');

  const config: Config = {
    port,
    host,
    server: readServerTimeouts(settings),
    atlasBaseUrl,
    credentials,
    tokenUrl,
    upstream: {
      connectTimeoutMs: settings.value('UPSTREAM_CONNECT_TIMEOUT_MS'),
      headersTimeoutMs: settings.value('UPSTREAM_HEADERS_TIMEOUT_MS'),
      bodyTimeoutMs: settings.value('UPSTREAM_BODY_TIMEOUT_MS'),
      deadlineMs: settings.value('UPSTREAM_DEADLINE_MS'),
      maxRetries: settings.value('UPSTREAM_MAX_RETRIES'),
      maxConnections: settings.value('UPSTREAM_MAX_CONNECTIONS'),
      proxy: readProxy(settings, atlasBaseUrl),
    },
    projectLimits: {
      concurrency: settings.value('UPSTREAM_PROJECT_CONCURRENCY'),
      ratePerMinute: settings.value('UPSTREAM_PROJECT_RATE_PER_MINUTE'),
      burst: settings.value('UPSTREAM_PROJECT_BURST'),
    },
    budget: {
      rateLimitsRefreshMs: settings.value('UPSTREAM_RATE_LIMITS_REFRESH_MS'),
      admission: settings.value('UPSTREAM_ADMISSION'),
    },
    runPolling: {
      initialMs: settings.value('RUN_POLL_INITIAL_MS'),
      maxMs: settings.value('RUN_POLL_MAX_MS'),
    },
    logLevel,
    cacheTtlMs: settings.value('CACHE_TTL_MS'),
    redisUrl,
    shutdownTimeoutMs: settings.value('SHUTDOWN_TIMEOUT_MS'),
    shutdownDrainMs: settings.value('SHUTDOWN_DRAIN_MS'),
    auth,
    limits: {
      maxDepth: settings.value('LIMIT_MAX_DEPTH'),
      maxAliases: settings.value('LIMIT_MAX_ALIASES'),
      maxTokens: settings.value('LIMIT_MAX_TOKENS'),
      maxDirectives: settings.value('LIMIT_MAX_DIRECTIVES'),
      maxCost: settings.value('LIMIT_MAX_COST'),
      bodyBytes: settings.value('LIMIT_BODY_BYTES'),
    },
    trustedDocuments: settings.value('TRUSTED_DOCUMENTS'),
    trustedDocumentsManifest: settings.value('TRUSTED_DOCUMENTS_MANIFEST'),
    introspection: settings.value('INTROSPECTION'),
    graphiql: settings.value('GRAPHIQL'),
    corsOrigins: settings.value('CORS_ORIGINS'),
    batching: settings.value('BATCHING'),
  };
  // Its documents are read and checked against the schema when the gateway is built (src/yoga.ts).
  if (config.trustedDocumentsManifest !== undefined && config.trustedDocuments === 'off') {
    problems.push(
      'TRUSTED_DOCUMENTS_MANIFEST is served only with TRUSTED_DOCUMENTS=allow or only (it is off).',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const isLoopback = (host: string) =>
  /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost';

function readServerTimeouts(settings: SettingsReader): Config['server'] {
  const headersTimeoutMs = settings.value('SERVER_HEADERS_TIMEOUT_MS');
  const requestTimeoutMs = settings.value('SERVER_REQUEST_TIMEOUT_MS');
  // Node's HTTP server refuses to start otherwise (ERR_OUT_OF_RANGE): say so before it does.
  if (headersTimeoutMs > requestTimeoutMs) {
    settings.problems.push(
      `SERVER_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed SERVER_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: settings.value('SERVER_KEEP_ALIVE_TIMEOUT_MS'),
  };
}

function readProxy(
  settings: SettingsReader,
  atlasBaseUrl: string | undefined,
): UpstreamProxy | undefined {
  const httpsProxy = settings.value('HTTPS_PROXY');
  const httpProxy = settings.value('HTTP_PROXY');
  const noProxy = settings.value('NO_PROXY') ?? '';
  // Without a base URL the gateway serves its embedded simulator on loopback (src/server.ts): a
  // developer's shell proxy must not stand between them. The values are checked all the same.
  if (atlasBaseUrl === undefined || (httpsProxy === undefined && httpProxy === undefined))
    return undefined;
  return { httpProxy, httpsProxy, noProxy };
}

function readClientAuth(
  settings: SettingsReader,
  mode: ClientAuthConfig['mode'],
): ClientAuthConfig {
  if (mode !== 'jwt') return { mode };
  const { problems } = settings;
  // Read before any check, and checked after the one-key rule: the order the messages always had.
  const secretText = settings.raw('AUTH_JWT_SECRET');
  const jwksUrlText = settings.raw('AUTH_JWKS_URL');
  const issuer = settings.value('AUTH_JWT_ISSUER');
  const audience = settings.value('AUTH_JWT_AUDIENCE');
  if ((secretText === undefined) === (jwksUrlText === undefined)) {
    problems.push('AUTH_MODE=jwt needs exactly one of AUTH_JWT_SECRET and AUTH_JWKS_URL.');
  }
  const secret = settings.parse('AUTH_JWT_SECRET', secretText);
  const jwksUrl = settings.parse('AUTH_JWKS_URL', jwksUrlText);
  if (issuer === undefined) problems.push('AUTH_MODE=jwt needs AUTH_JWT_ISSUER.');
  if (audience === undefined) problems.push('AUTH_MODE=jwt needs AUTH_JWT_AUDIENCE.');
  return {
    mode,
    key: secret !== undefined ? { secret } : { jwksUrl: jwksUrl ?? '' },
    issuer: issuer ?? '',
    audience: audience ?? '',
    projectsClaim: settings.value('AUTH_PROJECTS_CLAIM'),
  };
}

function readCredentials(settings: SettingsReader): AtlasCredentials {
  const { problems } = settings;
  const publicKey = settings.value('MONGODB_ATLAS_PUBLIC_API_KEY');
  const privateKey = settings.value('MONGODB_ATLAS_PRIVATE_API_KEY');
  const clientId = settings.value('MONGODB_ATLAS_CLIENT_ID');
  const clientSecret = settings.value('MONGODB_ATLAS_CLIENT_SECRET');
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
