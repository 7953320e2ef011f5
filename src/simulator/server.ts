/**
 * The simulator's HTTP server (node:http only): records every request, applies latency and injected
 * faults, then lets the OAuth endpoints (oauth.ts) or the API (api.ts) answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Answer, type ApiDependencies, answerApi, parseJson } from './api.ts';
import { Authenticator } from './auth.ts';
import { ENDPOINT_SETS, UNLISTED_SET } from './endpoint-sets.ts';
import { AtlasError, defaultErrorBody } from './errors.ts';
import { FaultInjector, replacesAnswer } from './faults.ts';
import { OAuthEndpoints, TokenStore } from './oauth.ts';
import type { Query } from './query.ts';
import { DEFAULT_BUCKET, RATE_LIMIT_CAPACITY, RateLimitMeter } from './rate-limit.ts';
import { matchRoute } from './routes.ts';
import { createSeedWorld } from './seed.ts';
import type { World } from './store.ts';
import type {
  FaultRule,
  GoneFamily,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from './types.ts';

const DEFAULT_RUN_DURATION_MS = 20_000;
const DEFAULT_MAX_RECORDED_REQUESTS = 10_000;

const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const runDurationMs = options.runDurationMs ?? DEFAULT_RUN_DURATION_MS;
  let world: World = createSeedWorld().world;
  let latency = { ms: options.latencyMs ?? 0, jitterMs: options.jitterMs ?? 0 };
  let triggeredRunsToFail = 0;
  const gone = new Map<GoneFamily, 410 | 404>();
  const requests: RecordedRequest[] = [];
  const maxRecorded = options.maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS;
  const remember = (record: RecordedRequest) => {
    if (maxRecorded <= 0) return;
    requests.push(record);
    if (requests.length > maxRecorded) requests.shift();
  };
  const faults = new FaultInjector();
  const rateLimits = new RateLimitMeter(now);
  const tokens = new TokenStore(now);
  const oauth = new OAuthEndpoints(options.serviceAccount, tokens, now);
  const auth = new Authenticator({
    digest: options.digest,
    bearer: options.serviceAccount ? tokens : undefined,
    nonceTtlMs: options.nonceTtlMs,
    now,
  });
  const sockets = new Set<Socket>();

  const api: ApiDependencies = {
    world: () => world,
    now,
    auth,
    rateLimits,
    enforceRateLimits: options.enforceRateLimits ?? false,
    gone,
    behaviour: {
      runDurationMs,
      bucketLimits(setId) {
        const override = options.rateLimitOverrides?.[setId];
        if (override) return override;
        if (setId === UNLISTED_SET) return DEFAULT_BUCKET;
        return ENDPOINT_SETS.find((set) => set.id === setId);
      },
      takeTriggeredRunFailure(): boolean {
        if (triggeredRunsToFail <= 0) return false;
        triggeredRunsToFail -= 1;
        return true;
      },
    },
  };

  function faultAnswer(rule: FaultRule): Answer {
    const status = rule.status ?? 200;
    const retryAfter: Record<string, string> =
      status === 429
        ? {
            'Retry-After': '1',
            'RateLimit-Limit': String(RATE_LIMIT_CAPACITY),
            'RateLimit-Remaining': '0',
          }
        : {};
    const contentType = rule.contentType ?? 'application/json';
    const headers = { 'Content-Type': contentType, ...retryAfter, ...rule.headers };
    if (rule.rawBody !== undefined) return { status, headers, rawBody: rule.rawBody };
    return { status, headers, body: rule.body ?? defaultErrorBody(status) };
  }

  function send(response: ServerResponse, record: RecordedRequest, answer: Answer): void {
    const text =
      answer.rawBody ??
      (answer.body === undefined
        ? ''
        : JSON.stringify(answer.body, null, answer.pretty ? 2 : undefined));
    record.status = answer.status;
    record.responseHeaders = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    record.responseBody = answer.rawBody ?? answer.body;
    response.on('finish', () => (record.endedAt = wallClock()));
    // A 204 carries no body and, per RFC 9110, no Content-Length either.
    const length =
      answer.status === 204 ? {} : { 'Content-Length': String(Buffer.byteLength(text)) };
    response.writeHead(answer.status, { ...answer.headers, ...length });
    response.end(text);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    const path = queryStart < 0 ? target : target.slice(0, queryStart);
    const rawQuery = queryStart < 0 ? '' : target.slice(queryStart + 1);
    const headers = flattenHeaders(request.headers);
    const query: Query = Object.fromEntries(new URLSearchParams(rawQuery));
    const isOAuth = OAuthEndpoints.handles(method, path);
    const route = isOAuth ? undefined : matchRoute(method, path);
    const record: RecordedRequest = {
      method,
      path,
      query,
      rawQuery,
      headers,
      body: undefined,
      rawBody: '',
      status: 0,
      responseHeaders: {},
      responseBody: undefined,
      operationId: route?.operation.operationId,
      startedAt: wallClock(),
      endedAt: 0,
    };
    remember(record);
    record.rawBody = await readBody(request);
    const form: Record<string, string> = isOAuth
      ? Object.fromEntries(new URLSearchParams(record.rawBody))
      : {};
    record.body = isOAuth ? form : record.rawBody === '' ? undefined : parseJson(record.rawBody);

    await sleep(latency.ms + Math.random() * latency.jitterMs);
    const fault = faults.take({ method, path, operationId: record.operationId });
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault && replacesAnswer(fault)) {
      record.fault = true;
      record.endedAt = wallClock();
      if (fault.reset) return void request.socket.destroy();
      if (fault.hang) return;
      return send(response, record, faultAnswer(fault));
    }
    if (isOAuth) {
      const answer = oauth.answer({
        path,
        authorization: headers.authorization,
        contentType: headers['content-type'],
        form,
      });
      return send(response, record, {
        status: answer.status,
        headers: { 'Content-Type': 'application/json', ...answer.headers },
        body: answer.body,
      });
    }
    const origin = `http://${headers.host ?? 'localhost'}`;
    send(
      response,
      record,
      answerApi(
        api,
        { method, target, path, query, headers, rawBody: record.rawBody, origin },
        route,
      ),
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify(new AtlasError(500, 'UNEXPECTED_ERROR', String(error)).toBody()),
        );
      }
    });
  });
  // Clients, not the simulator, close idle sockets: at Node's default of 5 s a loaded machine lets a
  // client's reuse of a socket cross the server's close, and the next request resets.
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    requests,
    clearRequests: () => {
      requests.splice(0);
    },
    setLatency: (ms, jitterMs = 0) => {
      latency = { ms, jitterMs };
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setGone: (family, how) => void (how === false ? gone.delete(family) : gone.set(family, how)),
    world: () => world,
    failNextTriggeredRuns: (n) => {
      triggeredRunsToFail = n;
    },
    reset: () => {
      world = createSeedWorld().world;
      requests.splice(0);
      faults.clear();
      gone.clear();
      rateLimits.clear();
      triggeredRunsToFail = 0;
      latency = { ms: options.latencyMs ?? 0, jitterMs: options.jitterMs ?? 0 };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
