import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningGateway, startGateway } from '../../src/server.ts';
import {
  type RecordedRequest,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../../src/simulator/index.ts';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  body: {
    data?: Data | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  };
}

export interface Harness {
  simulator: Simulator;
  gateway: RunningGateway;
  /** Every log line the gateway wrote, parsed. */
  logs: Record<string, any>[];
  rawLogs: string[];
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
    operationName?: string,
  ): Promise<GraphQLResponse<Data>>;
  /** Upstream API calls received by the simulator since the last reset (token endpoint excluded). */
  upstream(): RecordedRequest[];
  resetUpstream(): void;
  close(): Promise<void>;
}

/**
 * A gateway on a real loopback port in front of a simulator on another, as in production: tests go
 * through HTTP on both sides and read what the simulator received.
 */
export async function startHarness(
  options: { simulator?: SimulatorOptions; env?: Record<string, string> } = {},
): Promise<Harness> {
  const simulator = await startSimulator(options.simulator);
  const rawLogs: string[] = [];
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        rawLogs.push(line);
        logs.push(JSON.parse(line));
      }
      done();
    },
  });
  const config = loadConfig({
    MONGODB_ATLAS_BASE_URL: simulator.url,
    PORT: '0',
    LOG_LEVEL: 'debug',
    // Tests count the exact upstream calls: Atlas's rate limits are read only where a test asks.
    UPSTREAM_RATE_LIMITS_REFRESH_MS: '0',
    ...options.env,
  });
  const gateway = await startGateway(config, createLogger(config.logLevel, sink));
  return {
    simulator,
    gateway,
    logs,
    rawLogs,
    async graphql(query, variables, headers = {}, operationName) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as any,
      };
    },
    upstream: () => simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2')),
    resetUpstream: () => simulator.clearRequests(),
    async close() {
      await gateway.close();
      await simulator.close();
    },
  };
}

/** `path?query` of each call, in arrival order: the shape most assertions compare. */
export const calls = (requests: RecordedRequest[]) =>
  requests.map(
    (r) =>
      `${r.method} ${r.path.replace(/^\/api\/atlas\/v2/, '')}${r.rawQuery ? `?${r.rawQuery}` : ''}`,
  );
