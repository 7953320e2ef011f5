import type { Logger } from 'pino';
import { Agent, type Dispatcher, EnvHttpProxyAgent, request, errors as undiciErrors } from 'undici';
import type { UpstreamProxy } from '../config/index.ts';
import type { Authenticator } from './auth/authenticator.ts';
import { CallDeadline } from './call-deadline.ts';
import { AtlasCallError, errorFromHttpStatus } from './errors.ts';
import { InFlightCalls } from './in-flight.ts';
import type { LimiterTarget, ObservedAnswer, ProjectLimiter } from './limiter.ts';
import type { AtlasRequest, CallScope, UpstreamCallRecord } from './request.ts';
import { RouteFamilyChecks } from './route-families.ts';

export interface AtlasClientOptions {
  baseUrl: string;
  authenticator: (client: AtlasClient) => Authenticator;
  logger: Logger;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxRetries: number;
  maxConnections: number;
  /** The forward proxy every call goes through, the token endpoint's too; none: straight to the origin. */
  proxy?: UpstreamProxy;
  /** Gates calls per project and credential; none means unlimited. */
  limiter?: ProjectLimiter;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const BASE_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * The one way the gateway talks to Atlas: a keep-alive undici pool, authentication, timeouts, retries of
 * idempotent calls within the operation's deadline, and typed errors for every failure.
 */
export class AtlasClient {
  readonly authenticator: Authenticator;
  private readonly dispatcher: Dispatcher;
  private readonly noticedDeprecations = new Set<string>();
  /** Identical reads in flight, shared between operations and callers of one credential. */
  readonly inFlight = new InFlightCalls();
  /** Per credential, bumped by every write: a read started after one never joins a read from before it. */
  private readonly writeEpochs = new Map<string, number>();
  /** Whether deprecated route families are still served, per credential and project. */
  private readonly routeFamilies = new RouteFamilyChecks();

  private readonly options: AtlasClientOptions;

  constructor(options: AtlasClientOptions) {
    this.options = options;
    const pool = {
      connections: options.maxConnections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      keepAliveTimeout: 30_000,
    };
    const { proxy } = options;
    this.dispatcher = proxy
      ? new EnvHttpProxyAgent({
          ...pool,
          // Explicit, '' for none: left undefined, undici would read the process's variables itself.
          httpProxy: proxy.httpProxy ?? '',
          httpsProxy: proxy.httpsProxy ?? '',
          noProxy: proxy.noProxy,
          // An http origin gets plain absolute-form requests, as curl sends them; https ones a CONNECT tunnel.
          proxyTunnel: false,
          // The connect timeout of the proxy's connection and of the tunnelled TLS handshake.
          proxyTls: { timeout: options.connectTimeoutMs },
          requestTls: { timeout: options.connectTimeoutMs },
        })
      : new Agent(pool);
    this.authenticator = options.authenticator(this);
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async call<T>(req: AtlasRequest, scope: CallScope): Promise<T> {
    const credential = (scope.authenticator ?? this.authenticator).credentialKey;
    if (req.method !== 'GET') {
      this.bumpWriteEpoch(credential);
      try {
        return parseJson(await this.obtain(req, scope), req) as T;
      } finally {
        this.bumpWriteEpoch(credential);
      }
    }
    const key = `${credential}|${this.writeEpochs.get(credential) ?? 0}|${req.path}?${req.query ?? ''}|${req.accept}`;
    const waitedOn = scope.callDeadline;
    waitedOn?.enter();
    try {
      const response = await this.inFlight.run(
        key,
        {
          signal: waitedOn?.signal ?? scope.signal,
          reason: () =>
            waitedOn?.timedOut
              ? new AtlasCallError(
                  'UPSTREAM_TIMEOUT',
                  `Atlas did not answer ${req.operation} before the operation's deadline.`,
                )
              : new AtlasCallError(
                  'UPSTREAM_UNAVAILABLE',
                  `The call ${req.operation} was cancelled.`,
                ),
        },
        // The shared call follows its first caller's scope, except that only the last waiter leaving
        // cancels it; each waiter keeps its own deadline while it waits.
        (signal) =>
          this.obtain(req, { ...scope, signal, callDeadline: undefined, deadline: scope.deadline }),
      );
      // Each caller gets its own parsed copy: no operation can change what another reads.
      return parseJson(response, req) as T;
    } finally {
      waitedOn?.leave();
    }
  }

  private bumpWriteEpoch(credential: string): void {
    this.writeEpochs.set(credential, (this.writeEpochs.get(credential) ?? 0) + 1);
  }

  /** The exchange with its retries: a successful raw answer, or a typed error. */
  private async obtain(req: AtlasRequest, scope: CallScope): Promise<RawResponse> {
    const idempotent = req.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      let response: RawResponse;
      try {
        response = await this.send(req, scope);
      } catch (error) {
        const transient =
          error instanceof AtlasCallError &&
          error.code === 'UPSTREAM_UNAVAILABLE' &&
          !scope.signal?.aborted;
        if (
          idempotent &&
          transient &&
          attempt < this.options.maxRetries &&
          (await this.backoff(attempt, undefined, scope))
        ) {
          scope.onRetry?.(req.operation);
          continue;
        }
        throw error;
      }
      const credentialKey = (scope.authenticator ?? this.authenticator).credentialKey;
      if (response.status < 300) {
        this.noticeDeprecation(req, response.headers);
        this.routeFamilies.served(credentialKey, req);
        return response;
      }
      const retryAfter = retryAfterSeconds(response.headers);
      const canRetry =
        idempotent && RETRYABLE_STATUSES.has(response.status) && attempt < this.options.maxRetries;
      if (canRetry && (await this.backoff(attempt, retryAfter, scope))) {
        scope.onRetry?.(req.operation);
        continue;
      }
      const error = errorFromHttpStatus(response.status, safeJson(response.text), {
        successor: req.successor,
        sunset: req.sunset,
        retryAfter,
        authMode: (scope.authenticator ?? this.authenticator).mode,
      });
      throw await this.routeFamilies.explain(credentialKey, req, error, (check) =>
        this.call(check, scope),
      );
    }
  }

  /** One exchange, with the credential renewed once on a 401. Connection failures become typed errors. */
  private async send(req: AtlasRequest, scope: CallScope): Promise<RawResponse> {
    const uri = req.query ? `${req.path}?${req.query}` : req.path;
    const authenticator = scope.authenticator ?? this.authenticator;
    let authorization = await authenticator.authorization(req.method, uri);
    let response = await this.exchange(req, uri, authorization, scope);
    if (
      response.status === 401 &&
      (await authenticator.renew(header(response.headers, 'www-authenticate'), authorization))
    ) {
      authorization = await authenticator.authorization(req.method, uri);
      response = await this.exchange(req, uri, authorization, scope);
    }
    return response;
  }

  private async exchange(
    req: AtlasRequest,
    uri: string,
    authorization: string | undefined,
    scope: CallScope,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = { accept: req.accept, 'x-request-id': scope.requestId };
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = req.accept;
    }
    const target = this.limiterTarget(req, scope);
    const release = await this.options.limiter?.acquire(target, scope.deadline, scope.signal);
    // The operation may have ended while this call waited for a slot (its deadline then moves to now):
    // nobody would read the answer, so it is not sent.
    if (Date.now() >= scope.deadline) {
      release?.();
      throw new AtlasCallError(
        'UPSTREAM_TIMEOUT',
        `${req.operation} was not sent: the operation's deadline passed while it waited.`,
      );
    }
    // The operation's deadline bounds each call too: a hung upstream cannot hold the client past it.
    const shared = scope.callDeadline;
    const deadline = shared ?? new CallDeadline(scope.deadline, scope.signal);
    const url = this.options.baseUrl + uri;
    const trace = scope.traceCall?.({ operation: req.operation, method: req.method, url }, headers);
    const started = performance.now();
    let status: UpstreamCallRecord['status'] = 'error';
    deadline.enter();
    try {
      const response = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.dispatcher,
        signal: deadline.signal,
      });
      status = response.statusCode;
      const text = await response.body.text();
      this.options.limiter?.observe(
        target,
        rateLimitSignals(response.statusCode, response.headers, text),
      );
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (deadline.cancelled) status = 'cancelled';
      if (deadline.timedOut) {
        throw new AtlasCallError(
          'UPSTREAM_TIMEOUT',
          `Atlas did not answer ${req.operation} before the operation's deadline.`,
          { cause: error },
        );
      }
      throw transportError(error, req);
    } finally {
      deadline.leave();
      if (!shared) deadline.dispose();
      release?.();
      const ms = Math.round((performance.now() - started) * 10) / 10;
      trace?.end(status);
      // The level check first: at info, no log object is built for every call.
      if (this.options.logger.isLevelEnabled('debug')) {
        this.options.logger.debug(
          {
            requestId: scope.requestId,
            traceId: trace?.traceId,
            spanId: trace?.spanId,
            upstream: { operation: req.operation, method: req.method, path: req.path, status, ms },
          },
          'upstream call',
        );
      }
      scope.onCall?.({ operation: req.operation, method: req.method, path: req.path, status, ms });
    }
  }

  /** Atlas limits per credential, scope and endpoint set (src/atlas/atlas-buckets.ts). */
  private limiterTarget(req: AtlasRequest, scope: CallScope): LimiterTarget {
    return {
      credential: (scope.authenticator ?? this.authenticator).credentialKey,
      method: req.method,
      path: req.path,
      caller: scope.caller,
    };
  }

  /** Waits before a retry; false when the wait would pass the operation's deadline. */
  private async backoff(
    attempt: number,
    retryAfter: number | undefined,
    scope: CallScope,
  ): Promise<boolean> {
    const jittered = Math.random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
    const wait = Math.max(jittered, (retryAfter ?? 0) * 1000);
    if (Date.now() + wait >= scope.deadline || scope.signal?.aborted) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return !scope.signal?.aborted;
  }

  /** Atlas announces retiring versions with `Deprecation`/`Sunset`: say so once per route, not per call. */
  private noticeDeprecation(req: AtlasRequest, headers: RawResponse['headers']): void {
    const deprecation = header(headers, 'deprecation');
    const sunset = header(headers, 'sunset');
    if ((deprecation || sunset) && !this.noticedDeprecations.has(req.operation)) {
      this.noticedDeprecations.add(req.operation);
      this.options.logger.warn(
        { operation: req.operation, accept: req.accept, deprecation, sunset },
        'Atlas route is deprecated',
      );
    }
  }

  /**
   * One bare exchange through the pool, outside `call`: no credential, limiter, deadline or retry, for
   * authentication's own calls (src/atlas/auth/create.ts). Connection failures become typed errors.
   */
  async exchangeBare(
    url: string,
    options: Pick<Dispatcher.RequestOptions, 'method' | 'headers' | 'body'>,
    operation: string,
  ): Promise<Dispatcher.ResponseData> {
    return request(url, { ...options, dispatcher: this.dispatcher }).catch((error: unknown) => {
      throw transportError(error, { operation });
    });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

export function header(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What Atlas's answer says about its bucket: `RateLimit-*` headers (either may be absent), a 429's body. */
function rateLimitSignals(
  status: number,
  headers: RawResponse['headers'],
  text: string,
): ObservedAnswer {
  const count = (name: string) => {
    const value = Number(header(headers, name));
    return header(headers, name) !== undefined && Number.isFinite(value) ? value : undefined;
  };
  const answer: ObservedAnswer = {
    status,
    limit: count('ratelimit-limit'),
    remaining: count('ratelimit-remaining'),
  };
  if (status === 429) {
    answer.retryAfter = retryAfterSeconds(headers);
    answer.parameters = (safeJson(text) as { parameters?: unknown } | undefined)?.parameters;
  }
  return answer;
}

function retryAfterSeconds(headers: RawResponse['headers']): number | undefined {
  const raw = header(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(response: RawResponse, req: Pick<AtlasRequest, 'operation'>): unknown {
  if (response.text === '') return undefined;
  const contentType = header(response.headers, 'content-type') ?? '';
  if (!contentType.includes('json')) {
    throw new AtlasCallError(
      'UPSTREAM_BAD_RESPONSE',
      `Atlas answered ${req.operation} with ${contentType || 'no content type'}, not JSON.`,
    );
  }
  try {
    return JSON.parse(response.text);
  } catch (cause) {
    throw new AtlasCallError(
      'UPSTREAM_BAD_RESPONSE',
      `Atlas answered ${req.operation} with malformed JSON.`,
      { cause },
    );
  }
}

function transportError(error: unknown, req: Pick<AtlasRequest, 'operation'>): AtlasCallError {
  if (error instanceof AtlasCallError) return error;
  if (
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  ) {
    return new AtlasCallError(
      'UPSTREAM_TIMEOUT',
      `Atlas did not answer ${req.operation} in time.`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new AtlasCallError('UPSTREAM_UNAVAILABLE', `The call ${req.operation} was cancelled.`, {
      cause: error,
    });
  }
  return new AtlasCallError(
    'UPSTREAM_UNAVAILABLE',
    `Atlas could not be reached for ${req.operation}.`,
    { cause: error },
  );
}
