import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { startSimulator, type Simulator } from './simulator/index.ts';
import { createGateway, type Gateway } from './yoga.ts';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  simulator: Simulator | undefined;
  close(): Promise<void>;
}

/**
 * Starts the gateway on its port; with no upstream configured, first starts the embedded simulator on
 * an ephemeral loopback port, so the client, auth and timeouts run exactly as against Atlas.
 */
export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
  const simulator = config.atlasBaseUrl === undefined ? await startSimulator({ maxRecordedRequests: 0 }) : undefined;
  if (simulator) {
    logger.info({ atlasBaseUrl: simulator.url }, 'No Atlas credentials or base URL: serving the embedded Atlas simulator');
  } else if (config.credentials.kind === 'none') {
    logger.warn({ atlasBaseUrl: config.atlasBaseUrl }, 'No Atlas credentials: upstream calls go unauthenticated');
  }
  const gateway = createGateway({ config, logger, atlasBaseUrl: simulator?.url ?? config.atlasBaseUrl! });
  const server: Server = createServer(gateway.yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url: `${url}/graphql`, credentials: config.credentials.kind }, 'Atlas Graph is listening');
  return {
    url,
    gateway,
    simulator,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await gateway.close();
      await simulator?.close();
    },
  };
}
