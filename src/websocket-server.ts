import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { Context as SocketContext, SubscribePayload } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { CallerAuthentication } from './auth/authenticate-caller.ts';
import type { TrustedDocumentsMode } from './config/index.ts';
import { persistedQueryNotFound } from './errors/catalogue.ts';
import { corsAllows } from './plugins/cors.ts';
import { countRefusal } from './plugins/refusal-metrics.ts';
import { UNCACHED } from './plugins/response-cache.ts';
import { readManifest } from './trusted-documents/manifest.ts';
import type { Gateway } from './yoga.ts';

/** How often sockets with no operation under way are closed while draining (as src/shutdown.ts). */
const IDLE_SWEEP_MS = 50;
/** Going away (RFC 6455): the client may reconnect, to another replica. */
const GOING_AWAY = 1001;

export interface WebSocketEndpoint {
  /**
   * Shutdown: no new socket; operations under way finish (their subscriptions have ended by then,
   * src/plugins/end-subscriptions.ts), each socket is closed with 1001 once it has none, and whatever
   * still runs after `timeoutMs` is cut.
   */
  close(timeoutMs: number): Promise<void>;
}

export interface WebSocketOptions {
  server: Server;
  path: string;
  /** Refusals answered here are counted in its metrics, as Yoga counts those over HTTP. */
  gateway: Pick<Gateway, 'yoga' | 'metrics'>;
  authenticate: CallerAuthentication;
  trustedDocuments: TrustedDocumentsMode;
  /** LIMIT_BODY_BYTES: a larger message closes the socket (1009), as a larger body is 413. */
  maxPayloadBytes: number;
  /** CORS_ORIGINS: the other origins whose pages may open a socket. */
  corsOrigins: readonly string[];
  logger: Logger;
}

type Context = SocketContext<Record<string, unknown> | undefined, Extra>;

/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol of the `graphql-ws` package) on the GraphQL
 * path, as Apollo Client's GraphQLWsLink and urql's subscriptionExchange use it. Every operation runs
 * through Yoga's envelop (`yoga.getEnveloped`), so the same plugins parse, validate, limit, authorise and
 * execute it as over HTTP, with a Request built from the socket: its `Authorization` is the one of the
 * `connection_init` payload, checked once at connection (refused: close 4403) and again for each
 * operation, as each HTTP request is.
 */
export function serveGraphqlOverWebSocket({
  server,
  path,
  gateway: { yoga, metrics },
  authenticate,
  trustedDocuments,
  maxPayloadBytes,
  corsOrigins,
  logger,
}: WebSocketOptions): WebSocketEndpoint {
  const corsAllowed = corsAllows(corsOrigins);
  const sockets = new WebSocketServer({
    server,
    path,
    maxPayload: maxPayloadBytes,
    verifyClient: ({ origin, req }, accept) =>
      allowedOrigin(origin, req.headers.host, corsAllowed)
        ? accept(true)
        : accept(false, 403, 'Forbidden: this origin may not open a WebSocket here'),
  });
  const contexts = new Map<WebSocket, Context>();
  // Per socket: an abort signal per operation, the `request.signal` its upstream calls follow.
  const operations = new WeakMap<Context, Map<string, AbortController>>();
  const resolveQuery = trustedQueryResolver(trustedDocuments);

  const requestOf = (ctx: Context, signal: AbortSignal): Request => {
    const headers = new yoga.fetchAPI.Headers();
    const authorization = connectionAuthorization(ctx.connectionParams);
    if (authorization !== undefined) headers.set('authorization', authorization);
    // POST: an operation over the socket may be a mutation, which Yoga refuses in a GET.
    return new yoga.fetchAPI.Request(`http://localhost${path}`, {
      method: 'POST',
      headers,
      signal,
    });
  };

  const endOperation = (ctx: Context, id: string) => {
    operations.get(ctx)?.get(id)?.abort();
    operations.get(ctx)?.delete(id);
  };

  const disposable = useServer(
    {
      onConnect: async (ctx) => {
        try {
          await authenticate(requestOf(ctx, new AbortController().signal));
        } catch (error) {
          if (!isUnauthenticated(error)) throw error;
          metrics.refused('unauthenticated');
          return false;
        }
        contexts.set(ctx.extra.socket, ctx);
        operations.set(ctx, new Map());
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const refuse = (errors: readonly GraphQLError[]) => {
          countRefusal(metrics, { errors });
          return errors;
        };
        const query = resolveQuery(payload);
        if (query instanceof GraphQLError) return refuse([query]);
        const abort = new AbortController();
        operations.get(ctx)?.set(id, abort);
        const request = requestOf(ctx, abort.signal);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          request,
          params: { ...payload, query },
          // Answered afresh: our mutations still drop what they change from the cache.
          [UNCACHED]: true,
        });
        try {
          const document = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) return refuse(errors);
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          } satisfies ExecutionArgs;
        } catch (error) {
          // A refusal (a limit, a parse error, an expired token) is answered as the protocol's `error`.
          endOperation(ctx, id);
          if (error instanceof GraphQLError) return refuse([error]);
          throw error;
        }
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onComplete: (ctx, id) => endOperation(ctx, id),
      onClose: (ctx) => {
        for (const abort of operations.get(ctx)?.values() ?? []) abort.abort();
        contexts.delete(ctx.extra.socket);
      },
    },
    sockets,
  );
  sockets.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));

  return {
    close: async (timeoutMs) => {
      const closeIdle = () => {
        for (const [socket, ctx] of contexts)
          if (Object.keys(ctx.subscriptions).length === 0) socket.close(GOING_AWAY, 'Going away');
      };
      closeIdle();
      const sweep = setInterval(closeIdle, IDLE_SWEEP_MS);
      const until = Date.now() + timeoutMs;
      try {
        while (contexts.size > 0 && Date.now() < until)
          await new Promise((resolve) => setTimeout(resolve, IDLE_SWEEP_MS));
      } finally {
        clearInterval(sweep);
      }
      if (contexts.size > 0)
        logger.warn({ timeoutMs }, 'shutdown deadline passed: closing the WebSockets still busy');
      // Closes every socket left (1001) and the server.
      await disposable.dispose();
    },
  };
}

type Enveloped = Pick<ReturnType<Gateway['yoga']['getEnveloped']>, 'execute' | 'subscribe'>;

/**
 * Browsers let any page open a WebSocket to any host, with no CORS check and no preflight: a page of
 * another site could drive a gateway that needs no credential of the caller (AUTH_MODE=none on a
 * developer's machine) and read the answers. A browser always sends `Origin`, so a socket is opened only
 * for the gateway's own origin (that of its `Host`) or one CORS_ORIGINS allows; a client that sends no
 * `Origin` is no browser, and no page stands behind it.
 */
function allowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  corsAllowed: (origin: string) => boolean,
): boolean {
  if (!origin) return true;
  if (corsAllowed(origin)) return true;
  if (!URL.canParse(origin) || host === undefined) return false;
  return new URL(origin).host === host.toLowerCase();
}

/** The `connection_init` payload's `Authorization` (any letter case), as clients put the HTTP header there. */
function connectionAuthorization(params: Context['connectionParams']): string | undefined {
  for (const [key, value] of Object.entries(params ?? {}))
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  return undefined;
}

function isUnauthenticated(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
}

/**
 * TRUSTED_DOCUMENTS over the socket, as src/plugins/trusted-documents.ts does over HTTP: a subscribe
 * message naming a trusted document's hash (`extensions.persistedQuery.sha256Hash`) runs that document;
 * with `only`, nothing else runs.
 */
function trustedQueryResolver(
  mode: TrustedDocumentsMode,
): (payload: SubscribePayload) => string | GraphQLError {
  if (mode === 'off') return (payload) => payload.query;
  const documents = readManifest();
  return (payload) => {
    const persisted = payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    const hash = persisted?.sha256Hash;
    if (typeof hash === 'string') {
      return (
        documents.get(hash) ??
        notFound('No trusted document has this hash (see schema/trusted-documents.json).')
      );
    }
    if (mode === 'allow' && payload.query) return payload.query;
    return notFound(
      'This gateway runs trusted documents only: send extensions.persistedQuery.sha256Hash from schema/trusted-documents.json instead of a query.',
    );
  };
}

const notFound = (message: string) =>
  new GraphQLError(message, { extensions: persistedQueryNotFound(message).extensions });
