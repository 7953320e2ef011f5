import { randomUUID } from 'node:crypto';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Logger } from 'pino';
import { AtlasClient } from './atlas/client.ts';
import { createAuthenticator } from './atlas/auth/create.ts';
import type { Config } from './config.ts';
import type { GraphContext } from './graph/context.ts';
import { buildSchema } from './graph/index.ts';
import { createLoaders } from './graph/loaders/index.ts';
import type { UpstreamSession } from './graph/loaders/upstream-session.ts';
import { errorCodes } from './plugins/error-codes.ts';
import { maskUnexpected } from './plugins/mask-errors.ts';
import { operationLog } from './plugins/operation-log.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GraphContext>;
  client: AtlasClient;
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** The upstream origin: the configured one, or the embedded simulator's. */
  atlasBaseUrl: string;
}

/** Builds the gateway: one Atlas client and one schema for the process, loaders per operation. */
export function createGateway({ config, logger, atlasBaseUrl }: GatewayOptions): Gateway {
  const client = new AtlasClient({
    baseUrl: atlasBaseUrl,
    authenticator: createAuthenticator(config.credentials, config.tokenUrl),
    logger,
    ...config.upstream,
  });

  const yoga = createYoga<Record<string, unknown>, GraphContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger,
    graphiql: config.graphiql ? { title: 'Atlas Graph', defaultQuery: DEFAULT_QUERY } : false,
    renderGraphiQL,
    maskedErrors: {
      // Unexpected errors are logged in full and answered as INTERNAL_SERVER_ERROR without details.
      maskError: (error, message) => maskUnexpected(error, message, logger),
    },
    context: ({ request }): GraphContext => {
      const given = request.headers.get('x-request-id');
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      const upstream: UpstreamSession = {
        client,
        calls: 0,
        scope: {
          requestId,
          deadline: Date.now() + config.upstream.deadlineMs,
          signal: request.signal,
          onCall: () => {
            upstream.calls += 1;
          },
        },
      };
      return { requestId, logger: logger.child({ requestId }), upstream, loaders: createLoaders(upstream) };
    },
    plugins: [operationLog(), errorCodes(!config.introspection)],
  });

  return { yoga, client, close: () => client.close() };
}

const DEFAULT_QUERY = `# Atlas Graph over the embedded simulator: the project dashboard.
query ProjectDashboard {
  project(id: "65ea55005a11a50000000002") {
    pipelines(first: 5) {
      totalCount
      nodes {
        name
        state
        runs(first: 3) { nodes { state phase createdDate stats { numDocs } } }
      }
    }
  }
}
`;
