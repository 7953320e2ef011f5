import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange, type Data } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { createClient as createWebSocketClient } from 'graphql-ws';

/**
 * One urql client for the whole page. Queries and mutations go over HTTP (POST, so the gateway's CSRF
 * prevention sees a JSON body), subscriptions over a graphql-ws WebSocket on the same path. The
 * normalised cache merges each list's pages (`relayPagination`): a "Load more" query asks for the next
 * page after `pageInfo.endCursor`, and every view reading that list sees all its pages.
 */
const endpoint = new URL('/graphql', window.location.href);
const socketUrl = endpoint.href.replace(/^http/, 'ws');

const EMBEDDED = [
  'BackupSchedule',
  'BackupPolicy',
  'PolicyItem',
  'PageInfo',
  'CreateClusterRestoreJobSuccess',
  'ConflictError',
  'ForbiddenError',
  'NotFoundError',
  'RateLimitedError',
  'UpstreamError',
  'ValidationError',
];

const webSocket = createWebSocketClient({ url: socketUrl, lazy: true });

export const client = new Client({
  url: endpoint.href,
  preferGetMethod: false,
  exchanges: [
    cacheExchange({
      // Objects without a global ID are stored inside their parent.
      keys: Object.fromEntries(EMBEDDED.map((typename) => [typename, () => null])),
      updates: {
        Mutation: {
          // A new job shifts the list's pages by one (cursors are offsets in Atlas's pages): keep the
          // first page, which the mutation's answer carries, and drop the others, so that "Load more"
          // fetches them afresh rather than show a job twice or skip one.
          createClusterRestoreJob(result, _args, cache) {
            const outcome = result.createClusterRestoreJob as { cluster?: Data } | null;
            const cluster = outcome?.cluster && cache.keyOfEntity(outcome.cluster);
            if (!cluster) return;
            for (const field of cache.inspectFields(cluster))
              if (field.fieldName === 'restoreJobs' && field.arguments?.after)
                cache.invalidate(cluster, field.fieldName, field.arguments);
          },
        },
      },
      resolvers: {
        Query: { projects: relayPagination() },
        Project: { clusters: relayPagination() },
        Cluster: {
          snapshots: relayPagination(),
          restoreJobs: relayPagination(),
          exportJobs: relayPagination(),
        },
      },
    }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const operation = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            const unsubscribe = webSocket.subscribe(operation, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
