import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from './config/index.ts';
import { MAX_URL_BYTES } from './plugins/request-size-limits.ts';
import { closeGracefully } from './shutdown.ts';
import type { Simulator } from './simulator/index.ts';
import { tracingFromEnvironment } from './tracing.ts';
import { serveGraphqlOverWebSocket } from './websocket-server.ts';
import { createGateway, type Gateway, type GatewayOptions } from './yoga.ts';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  simulator: Simulator | undefined;
  /** Graceful: stops accepting, lets operations under way finish (SHUTDOWN_TIMEOUT_MS at most), ends subscriptions. */
  close(): Promise<void>;
  /**
   * On SIGTERM: `/readyz` answers 503 for SHUTDOWN_DRAIN_MS while every request is still served and new
   * connections accepted, so a load balancer stops routing here before anything is refused; then close().
   */
  shutdown(): Promise<void>;
}

/**
 * Starts the gateway on its port; with no upstream configured, first starts the embedded simulator on
 * an ephemeral loopback port, so the client, auth and timeouts run exactly as against Atlas.
 */
export async function startGateway(
  config: Config,
  logger: Logger,
  options: Pick<GatewayOptions, 'tracing'> = {},
): Promise<RunningGateway> {
  // Loaded only when it serves: a gateway in front of Atlas carries none of its code (docs/performance.md).
  const simulator =
    config.atlasBaseUrl === undefined
      ? await (await import('./simulator/server.ts')).startSimulator({ maxRecordedRequests: 0 })
      : undefined;
  if (simulator) {
    logger.info(
      { atlasBaseUrl: simulator.url },
      'No Atlas credentials or base URL: serving the embedded Atlas simulator',
    );
  } else if (config.credentials.kind === 'none' && config.auth.mode !== 'forward') {
    logger.warn(
      { atlasBaseUrl: config.atlasBaseUrl },
      'No Atlas credentials: upstream calls go unauthenticated',
    );
  }
  if (config.auth.mode === 'none') {
    logger.warn(
      { host: config.host },
      "AUTH_MODE=none: any caller may use every project the gateway's Atlas access reaches",
    );
  }
  logUpstreamProxy(config.upstream.proxy, logger);
  const gateway = await createGateway({
    // OpenTelemetry's variables, read only here: without an exporter the SDK is never loaded.
    tracing: options.tracing ?? (await tracingFromEnvironment()),
    config,
    logger,
    atlasBaseUrl: simulator?.url ?? config.atlasBaseUrl!,
  });
  const server: Server = createServer(
    {
      // Headers may exceed Node's 16 KiB default a little so that a long GET URL meets our coded 414, not a bare 431.
      maxHeaderSize: 2 * MAX_URL_BYTES,
      // A slow client (headers or body trickling in) holds a socket only this long: 408, then closed.
      headersTimeout: config.server.headersTimeoutMs,
      requestTimeout: config.server.requestTimeoutMs,
      keepAliveTimeout: config.server.keepAliveTimeoutMs,
      // Node checks those timeouts on this interval (30 s by default), so it bounds how late they fire.
      connectionsCheckingInterval: checkingInterval(config.server),
    },
    gateway.yoga,
  );
  const webSockets = serveGraphqlOverWebSocket({
    server,
    path: '/graphql',
    gateway,
    authenticate: gateway.authenticateCaller,
    trustedDocuments: config.trustedDocuments,
    maxPayloadBytes: config.limits.bodyBytes,
    corsOrigins: config.corsOrigins,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info(
    { url: `${url}/graphql`, credentials: config.credentials.kind },
    'Atlas Graph is listening',
  );
  const close = async () => {
    gateway.drain();
    // Upgraded sockets are the server's connections too: it closes once they have.
    await Promise.all([
      closeGracefully(server, config.shutdownTimeoutMs, logger),
      webSockets.close(config.shutdownTimeoutMs),
    ]);
    await gateway.close();
    await simulator?.close();
  };
  return {
    url,
    gateway,
    simulator,
    close,
    shutdown: async () => {
      // Subscriptions go on too: ended now, their clients would reconnect to this same replica.
      gateway.readiness.drain();
      if (config.shutdownDrainMs > 0) {
        logger.info({ drainMs: config.shutdownDrainMs }, 'draining: not ready, still serving');
        await sleep(config.shutdownDrainMs);
      }
      await close();
    },
  };
}

/** A quarter of the shortest timeout, between 50 ms and Node's own 30 s. */
const checkingInterval = ({ headersTimeoutMs, requestTimeoutMs }: Config['server']) =>
  Math.min(30_000, Math.max(50, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4)));

/** Whether upstream calls go through a proxy, and which: its host and port only, never its credentials. */
function logUpstreamProxy(proxy: Config['upstream']['proxy'], logger: Logger): void {
  if (!proxy) {
    logger.info('upstream calls go through no proxy');
    return;
  }
  const hostOf = (url: string | undefined) => (url === undefined ? undefined : new URL(url).host);
  logger.info(
    {
      proxy: {
        https: hostOf(proxy.httpsProxy ?? proxy.httpProxy),
        http: hostOf(proxy.httpProxy),
        noProxy: proxy.noProxy || undefined,
      },
    },
    'upstream calls go through a proxy',
  );
}
