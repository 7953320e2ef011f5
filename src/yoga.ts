import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { Span } from '@opentelemetry/api';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createAuthenticator } from './atlas/auth/create.ts';
import { CallDeadline } from './atlas/call-deadline.ts';
import { AtlasClient } from './atlas/client.ts';
import { createProjectLimiter } from './atlas/limiter.ts';
import { refreshRateLimitSets } from './atlas/rate-limit-sets.ts';
import {
  type CallerAuthentication,
  createCallerAuthentication,
} from './auth/authenticate-caller.ts';
import type { Config } from './config/index.ts';
import type { GraphContext } from './graph/context.ts';
import { buildSchema, withIncrementalDelivery } from './graph/index.ts';
import { RedisPollCoordinator } from './graph/live/poll-coordinator.ts';
import { PollHub } from './graph/live/poll-hub.ts';
import { createLoaders } from './graph/loaders/index.ts';
import type { UpstreamSession } from './graph/loaders/upstream-session.ts';
import { graphiqlOptions } from './graphiql.ts';
import { ReadinessProbe } from './health.ts';
import { fixedFieldLogger } from './logger.ts';
import { GatewayMetrics } from './metrics.ts';
import type { Tracing } from './open-telemetry.ts';
import { argumentChecks } from './plugins/argument-checks.ts';
import { atlasCallErrors } from './plugins/atlas-call-errors.ts';
import { compiledExecution } from './plugins/compiled-execution.ts';
import { compression } from './plugins/compression.ts';
import { cors } from './plugins/cors.ts';
import { csrfPrevention } from './plugins/csrf-prevention.ts';
import { endSubscriptionsOn } from './plugins/end-subscriptions.ts';
import { errorCodes } from './plugins/error-codes.ts';
import { graphiqlPage } from './plugins/graphiql-page.ts';
import { maskUnexpected } from './plugins/mask-errors.ts';
import { operationCost } from './plugins/operation-cost.ts';
import { operationLimits } from './plugins/operation-limits.ts';
import { operationLog } from './plugins/operation-log.ts';
import { operationMetrics } from './plugins/operation-metrics.ts';
import { operationTracing } from './plugins/operation-tracing.ts';
import { refusalMetrics } from './plugins/refusal-metrics.ts';
import { requestSizeLimits } from './plugins/request-size-limits.ts';
import { responseCache } from './plugins/response-cache.ts';
import { serviceEndpoints } from './plugins/service-endpoints.ts';
import { isTrustedDocument, trustedDocuments } from './plugins/trusted-documents.ts';
import { upstreamAdmission } from './plugins/upstream-admission.ts';
import { upstreamDeadline } from './plugins/upstream-deadline.ts';
import { closeRedis, connectRedis } from './redis.ts';
import { ProjectTaggedCache } from './response-cache.ts';
import { readClientManifest } from './trusted-documents/client-manifest.ts';
import { readOperationNames } from './trusted-documents/manifest.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Operations in one batched request, with `BATCHING=on`. */
export const BATCH_LIMIT = 10;

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GraphContext>;
  client: AtlasClient;
  metrics: GatewayMetrics;
  readiness: ReadinessProbe;
  /** How a request proves who sent it (AUTH_MODE): the WebSocket endpoint checks `connection_init` with it. */
  authenticateCaller: CallerAuthentication;
  /** Shutdown begins: not ready any more, subscriptions end; operations under way go on. */
  drain(): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** The upstream origin: the configured one, or the embedded simulator's. */
  atlasBaseUrl: string;
  /** Spans and trace propagation; none without (startGateway reads OpenTelemetry's OTEL_* variables). */
  tracing?: Tracing;
}

/** Builds the gateway: one Atlas client and one schema for the process, loaders per operation. */
export async function createGateway({
  config,
  logger,
  atlasBaseUrl,
  tracing,
}: GatewayOptions): Promise<Gateway> {
  // A bad manifest stops the start here (a ConfigError: exit 2), before any connection opens.
  const clientManifest =
    config.trustedDocumentsManifest === undefined
      ? undefined
      : readClientManifest(config.trustedDocumentsManifest, withIncrementalDelivery(buildSchema()));
  // With REDIS_URL every replica shares the limiter's buckets and the response cache.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const limiter = createProjectLimiter({ ...config.projectLimits, redis });
  const client = new AtlasClient({
    baseUrl: atlasBaseUrl,
    authenticator: createAuthenticator(config.credentials, config.tokenUrl),
    logger,
    ...config.upstream,
    limiter,
  });
  const metrics = new GatewayMetrics({
    limiterQueue: () => limiter.queued,
    coalescedCalls: () => client.inFlight.coalesced,
    budgetRemaining: () => limiter.remaining(),
    knownOperationNames: clientManifest?.names ?? readOperationNames(),
  });
  // Which routes share which Atlas bucket: read with the gateway's own credential (forwarded tokens
  // are the callers', so their routes keep the configured bucket, steered by Atlas's headers).
  const stopRateLimitReads =
    config.budget.rateLimitsRefreshMs > 0 && config.auth.mode !== 'forward'
      ? refreshRateLimitSets(client, limiter, config.budget.rateLimitsRefreshMs, logger)
      : undefined;
  limiter.onWait = (seconds) => metrics.upstreamQueueWait(seconds);
  const readiness = new ReadinessProbe(client, logger, {
    ownCredentials: config.auth.mode !== 'forward',
  });
  const shutdown = new AbortController();
  const operationSpans = new WeakMap<UpstreamSession, Span>();
  const cacheRedis = redis?.duplicate({ keyPrefix: 'atlas-graph:response-cache:' });
  const cache =
    config.cacheTtlMs <= 0
      ? undefined
      : cacheRedis
        ? ProjectTaggedCache.inRedis(cacheRedis, logger, metrics)
        : ProjectTaggedCache.inMemory(logger, metrics);

  const authenticateCaller = createCallerAuthentication(config.auth);
  // With Redis, one replica polls each watched object and the others relay it; its lease outlives the longest poll gap.
  const pollCoordinator =
    redis &&
    new RedisPollCoordinator(
      redis,
      2 * config.runPolling.maxMs + 5_000,
      config.runPolling.initialMs,
    );
  const polls = new PollHub({
    ...config.runPolling,
    deadlineMs: config.upstream.deadlineMs,
    logger,
    coordinator: pollCoordinator,
  });

  const yoga = createYoga<Record<string, unknown>, GraphContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger,
    // Our graphiqlPage plugin (below) serves GraphiQL: built once, on demand, compressed and revalidated.
    graphiql: false,
    // GraphQL over HTTP (docs/http.md): GET for queries, POST JSON, both response media types; batching and
    // CORS only when configured (our plugin below; Yoga's own CORS would allow every origin).
    batching: config.batching ? { limit: BATCH_LIMIT } : false,
    cors: false,
    // requestSizeLimits (below) enforces LIMIT_BODY_BYTES; Yoga's own limit would pipe every body
    // through a counting stream, a measurable cost per operation, for a check ours makes once.
    maxRequestBodySize: false,
    maskedErrors: {
      // Unexpected errors are logged in full and answered as INTERNAL_SERVER_ERROR without details.
      maskError: (error, message) => maskUnexpected(error, message, logger),
    },
    context: async ({
      request,
      req,
    }: {
      request: Request;
      req?: IncomingMessage;
    }): Promise<GraphContext> => {
      const given = request.headers.get('x-request-id');
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      // Refuses an unauthenticated request before anything executes.
      const caller = await authenticateCaller(request);
      const deadline = Date.now() + config.upstream.deadlineMs;
      const upstream: UpstreamSession = {
        client,
        calls: 0,
        deadlineMs: config.upstream.deadlineMs,
        projects: caller.projects,
        scope: {
          requestId,
          deadline,
          signal: request.signal,
          callDeadline: new CallDeadline(deadline, request.signal),
          authenticator: caller.upstreamAuthenticator,
          caller:
            caller.subject ??
            caller.upstreamAuthenticator?.credentialKey ??
            req?.socket.remoteAddress,
          onCall: (record) => {
            upstream.calls += 1;
            metrics.upstreamCall(record);
          },
          traceCall:
            tracing &&
            ((call, headers) =>
              tracing.startUpstreamCall(operationSpans.get(upstream), call, headers)),
          onRetry: (route) => metrics.upstreamRetry(route),
        },
      };
      return {
        requestId,
        logger,
        upstream,
        loaders: createLoaders(upstream),
        caller,
        polls,
        invalidate: cache && ((entities) => cache.invalidateProjectsOf(entities)),
      };
    },
    plugins: [
      // First, so that it ends every operation's shared call deadline, whichever plugin stops execution.
      upstreamDeadline(),
      // Before every plugin that reads error codes: their hooks on a result run after its own.
      atlasCallErrors(),
      compiledExecution(metrics, isTrustedDocument),
      // @defer and @stream: answered as multipart/mixed (or event stream) parts; compiledExecution leaves them to graphql-js.
      useDeferStream(),
      ...(config.corsOrigins.length > 0 ? [cors(config.corsOrigins)] : []),
      serviceEndpoints(readiness, metrics),
      ...(config.graphiql
        ? [graphiqlPage({ endpoint: '/graphql', options: graphiqlOptions, logger })]
        : []),
      requestSizeLimits(config.limits.bodyBytes),
      csrfPrevention(),
      ...trustedDocuments(config.trustedDocuments, clientManifest?.documents),
      ...operationLimits(config.limits),
      // Before the cost: a bad page size is refused as such, not as too costly.
      argumentChecks(),
      operationCost(config.limits.maxCost),
      ...(config.budget.admission ? [upstreamAdmission(limiter, metrics)] : []),
      endSubscriptionsOn(shutdown.signal),
      ...(cache
        ? [
            responseCache({
              cache,
              ttlMs: config.cacheTtlMs,
              schema: buildSchema(),
              credentialKey: client.authenticator.credentialKey,
              authenticate: authenticateCaller,
              fills: cache.singleFlight(config.upstream.deadlineMs),
            }),
          ]
        : []),
      operationLog(
        fixedFieldLogger(logger),
        tracing && ((context) => tracing.ids(operationSpans.get(context.upstream))),
      ),
      operationMetrics(metrics),
      refusalMetrics(metrics),
      ...(tracing ? [operationTracing(tracing, operationSpans)] : []),
      errorCodes(!config.introspection),
      // Last: its onResponse compresses what every plugin before it has answered.
      compression(),
    ],
  });

  return {
    yoga,
    client,
    metrics,
    readiness,
    authenticateCaller,
    drain: () => {
      readiness.drain();
      shutdown.abort();
    },
    close: async () => {
      stopRateLimitReads?.();
      await client.close();
      await pollCoordinator?.close();
      await Promise.all(
        [redis, cacheRedis].map((connection) => connection && closeRedis(connection)),
      );
      await tracing?.shutdown();
    },
  };
}
