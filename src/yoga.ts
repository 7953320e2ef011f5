import { randomUUID } from 'node:crypto';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { AtlasClient } from './atlas/client.ts';
import { createAuthenticator } from './atlas/auth/create.ts';
import type { Config } from './config.ts';
import type { GraphContext } from './graph/context.ts';
import { buildSchema } from './graph/index.ts';
import { createLoaders } from './graph/loaders/index.ts';
import type { UpstreamSession } from './graph/loaders/upstream-session.ts';

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

function maskUnexpected(error: unknown, message: string, logger: Logger): Error {
  if (error instanceof GraphQLError && error.originalError === undefined) return error;
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof GraphQLError) return error as GraphQLError;
  logger.error({ err: original }, 'unexpected error');
  return new GraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** One log line per operation: name, duration, upstream calls and error codes; request id on every line. */
function operationLog(): Plugin<GraphContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const context = args.contextValue;
          const errors = 'errors' in result ? ((result as ExecutionResult).errors ?? []) : [];
          context.logger.info(
            {
              operation: getOperationAST(args.document, args.operationName)?.name?.value ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              upstreamCalls: context.upstream.calls,
              errors: errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
    onResponse({ response, serverContext }) {
      const requestId = (serverContext as Partial<GraphContext> | undefined)?.requestId;
      if (requestId) response.headers.set('x-request-id', requestId);
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
    },
  };
}

/**
 * Parse and validation failures carry catalogue codes, like every other error (design §5). With
 * introspection off, "Did you mean" suggestions would leak the schema, so they are cut.
 */
function errorCodes(hideSuggestions: boolean): Plugin {
  const recode = (error: Error, code: string) => {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error.message);
    const message = hideSuggestions ? graphqlError.message.replace(/ Did you mean .*$/, '') : graphqlError.message;
    if (graphqlError.extensions?.code && message === graphqlError.message) return graphqlError;
    return new GraphQLError(message, {
      nodes: graphqlError.nodes,
      source: graphqlError.source,
      positions: graphqlError.positions,
      extensions: { ...graphqlError.extensions, code: graphqlError.extensions?.code ?? code },
    });
  };
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof Error) replaceParseResult(recode(result, 'GRAPHQL_PARSE_FAILED'));
      };
    },
    onValidate({ addValidationRule }) {
      if (hideSuggestions) addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(result.map((error) => recode(error, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
  };
}
