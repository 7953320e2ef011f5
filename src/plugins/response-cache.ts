import { createHash, randomUUID } from 'node:crypto';
import { type Cache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type ExecutionResult, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheFills } from '../response-cache.ts';

/** Signed download links: never cached in a shared store (docs/operations.md), so a response selecting one is not cached. */
const SIGNED_URL_FIELDS = new Set(['deliveryUrl', 'snapshotUrl']);

export interface ResponseCacheOptions {
  cache: Cache;
  ttlMs: number;
  schema: GraphQLSchema;
  /** The gateway's upstream credential (non-secret key): answers are never shared across credentials. */
  credentialKey: string;
  /** Checks the caller as the context factory does; a cache hit skips that factory, so it runs here too. */
  authenticate: (request: Request) => Promise<unknown>;
  /** Single-flight fills per key (the cache's own, so its writes release the waiters). */
  fills: CacheFills;
}

/** Writes are never held back behind one another, nor are subscriptions (a cheap, conservative test). */
const NOT_A_QUERY = /\b(mutation|subscription)\b/;

/**
 * Set in the initial context of an operation the cache must leave alone: Yoga's response cache keys an
 * operation in its HTTP request parsing, which an operation over a WebSocket (src/websocket-server.ts)
 * never goes through, and would fail it.
 */
export const UNCACHED = 'uncachedTransport';

/**
 * Caches query results for `ttlMs` (graphql-yoga's response cache), per upstream credential and per
 * caller, and says so to clients with `Cache-Control: private, max-age`. Our mutations drop what they
 * change (see ResponseCacheInvalidation); the library also drops every entity a mutation returns.
 */
export function responseCache({
  cache,
  ttlMs,
  schema,
  credentialKey,
  authenticate,
  fills,
}: ResponseCacheOptions): Plugin {
  // The request that fills each key, released when its response is made.
  const filling = new WeakMap<Request, string>();
  const maxAge = `private, max-age=${Math.floor(ttlMs / 1000)}`;
  return {
    // The library answers `If-None-Match: <cache key>` with 304 before anyone is authenticated, whoever
    // asks: a browser switching accounts would show one caller's answer to the next. Conditional
    // requests are not served (the header is dropped before the library sees it: this hook runs first),
    // and answers carry no validators (below).
    onRequest({ request }) {
      request.headers.delete('if-none-match');
      request.headers.delete('if-modified-since');
    },
    onResponse({ request }) {
      const key = filling.get(request);
      if (key !== undefined) fills.ended(key);
    },
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          cache,
          ttl: ttlMs,
          enabled: (_request, context) =>
            !(context as unknown as Record<string, unknown>)[UNCACHED],
          // The key is made before the cache is read: a request whose key is being filled waits there.
          buildResponseCacheKey: async (params) => {
            // As the library's default key, with variables in a stable key order.
            const key = await hashSHA256(
              [
                params.documentString,
                params.operationName ?? '',
                stableJson(params.variableValues ?? {}),
                params.sessionId ?? '',
              ].join('|'),
            );
            const query = params.documentString;
            if (query === '' || NOT_A_QUERY.test(query)) return key;
            if (await fills.enter(key)) filling.set(params.request, key);
            return key;
          },
          // A caller's token may narrow what it sees (project claims): its answers are its own.
          // A caller refused now (an expired JWT) gets a session nothing was ever stored under: a miss, so
          // the request goes on to the context factory, which answers 401.
          session: async (request) => {
            const refused = await authenticate(request).then(
              () => false,
              () => true,
            );
            return refused
              ? `refused|${randomUUID()}`
              : `${credentialKey}|${callerDigest(request.headers.get('authorization'))}`;
          },
          ttlPerSchemaCoordinate: signedUrlCoordinates(schema),
          // Read back below (to set Cache-Control) and removed before the client sees it.
          includeExtensionMetadata: true,
        }),
      );
    },
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result) return;
      const { responseCache: metadata, ...extensions } =
        (result as ExecutionResult).extensions ?? {};
      if (metadata === undefined) return;
      const cached =
        (metadata as { hit?: boolean; didCache?: boolean }).hit ||
        (metadata as { didCache?: boolean }).didCache;
      // The library adds validators to every answer it considered, cached or not: none goes out.
      const http = (extensions.http ?? {}) as { headers?: Record<string, string> };
      const { ETag: _etag, 'Last-Modified': _lastModified, ...headers } = http.headers ?? {};
      // A browser's cache keys GET answers by URL: without Vary, one account's answer would serve the next.
      extensions.http = {
        ...http,
        headers: cached ? { ...headers, 'Cache-Control': maxAge, Vary: 'Authorization' } : headers,
      };
      setResult({
        ...(result as ExecutionResult),
        extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
      });
    },
  };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** sha256 of the caller's Authorization header: the header itself is never kept. */
function callerDigest(authorization: string | null): string {
  return authorization ? createHash('sha256').update(authorization).digest('base64url') : '-';
}

/** `Type.field` for every signed-URL field of the schema, with TTL 0: a response that selects one is not cached. */
function signedUrlCoordinates(schema: GraphQLSchema): Record<string, number> {
  const coordinates: Record<string, number> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (SIGNED_URL_FIELDS.has(field)) coordinates[`${type.name}.${field}`] = 0;
    }
  }
  return coordinates;
}
