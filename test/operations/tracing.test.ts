import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { Tracing } from '../../src/open-telemetry.ts';
import { type RunningGateway, startGateway } from '../../src/server.ts';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { tracingFromEnvironment } from '../../src/tracing.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const CALLER_HEADERS = {
  traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
  tracestate: 'vendor=opaque',
};
const SMALL = `query Small($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { state } } } } }`;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

const atlasCalls = (simulator: Simulator) =>
  simulator.requests.filter((request) => request.path.startsWith('/api/atlas/v2'));

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  const logs: Record<string, any>[] = [];
  let simulator: Simulator;
  let gateway: RunningGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    const config = loadConfig({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      PORT: '0',
      UPSTREAM_RATE_LIMITS_REFRESH_MS: '0',
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    gateway = await startGateway(config, createLogger('debug', sink), {
      tracing: Tracing.withProcessor(new SimpleSpanProcessor(exporter)),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });
  beforeEach(() => {
    exporter.reset();
    simulator.clearRequests();
    logs.length = 0;
  });

  it("continue the caller's trace, to Atlas too, and their ids are on the log lines", async () => {
    const body = await post(gateway.url, SMALL, { p: SEED.projectId }, CALLER_HEADERS);
    expect(body.errors).toBeUndefined();

    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'query Small')!;
    expect(operation.spanContext().traceId).toBe(CALLER_TRACE);
    expect(operation.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(operation.attributes).toEqual({
      'graphql.operation.name': 'Small',
      'graphql.operation.type': 'query',
      // The inline pipeline name is a literal: left out.
      'graphql.document': expect.stringContaining('pipeline(name: "")'),
    });
    const children = spans.filter(
      (span) => span.parentSpanContext?.spanId === operation.spanContext().spanId,
    );
    const base = new URL(simulator.url);
    expect(children.map((span) => [span.name, span.attributes])).toEqual([
      [
        'atlas getGroupPipeline',
        {
          'atlas.operation': 'getGroupPipeline',
          'http.request.method': 'GET',
          'url.full': `${simulator.url}/api/atlas/v2/groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}`,
          'server.address': base.hostname,
          'server.port': Number(base.port),
          'http.response.status_code': 200,
        },
      ],
      [
        'atlas listGroupPipelineRuns',
        expect.objectContaining({
          'url.full': expect.stringMatching(/\/runs\?.*itemsPerPage=/),
          'http.response.status_code': 200,
        }),
      ],
    ]);

    // Each Atlas call carries its own client span as parent, in the caller's trace, with its tracestate.
    const sent = atlasCalls(simulator);
    expect(sent.map((request) => request.headers.traceparent)).toEqual(
      children.map((span) => `00-${CALLER_TRACE}-${span.spanContext().spanId}-01`),
    );
    expect(sent.map((request) => request.headers.tracestate)).toEqual([
      'vendor=opaque',
      'vendor=opaque',
    ]);

    const operationLine = logs.find((line) => line.msg === 'graphql operation')!;
    expect(operationLine).toMatchObject({
      traceId: CALLER_TRACE,
      spanId: operation.spanContext().spanId,
      operation: 'Small',
    });
    const callLines = logs.filter((line) => line.msg === 'upstream call');
    expect(callLines.map((line) => [line.traceId, line.spanId])).toEqual(
      children.map((span) => [CALLER_TRACE, span.spanContext().spanId]),
    );
  });

  it('start a new trace when the caller sends none (or an invalid one)', async () => {
    const given: Record<string, string>[] = [{}, { traceparent: '00-not-a-trace-01' }];
    for (const headers of given) {
      exporter.reset();
      simulator.clearRequests();
      await post(gateway.url, SMALL, { p: SEED.projectId }, headers);
      const operation = exporter.getFinishedSpans().find((span) => span.name === 'query Small')!;
      expect(operation.parentSpanContext).toBeUndefined();
      const { traceId } = operation.spanContext();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toBe(CALLER_TRACE);
      const sent = atlasCalls(simulator).map((r) => TRACEPARENT.exec(r.headers.traceparent!)?.[1]);
      expect(sent).toEqual([traceId, traceId]);
    }
  });

  it('mark a failed operation with its error codes, and its failed call', async () => {
    await post(
      gateway.url,
      `query Broken($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`,
      { p: SEED.unknownProjectId },
    );
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'query Broken')!;
    expect(operation.status).toEqual({ code: 2, message: 'NOT_FOUND' });
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
    const call = spans.find(
      (span) => span.parentSpanContext?.spanId === operation.spanContext().spanId,
    )!;
    expect(call.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': '404',
    });
    expect(call.status.code).toBe(2);
  });

  it('are off unless OpenTelemetry variables configure an exporter', async () => {
    expect(await tracingFromEnvironment({})).toBeUndefined();
    expect(
      await tracingFromEnvironment({
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      }),
    ).toBeUndefined();
    const otlp = await tracingFromEnvironment({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(otlp).toBeInstanceOf(Tracing);
    return otlp!.shutdown();
  });
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

describe('the gateway process', () => {
  const RECORDER = fileURLToPath(new URL('../support/record-modules.mjs', import.meta.url));
  const exported: OtlpSpan[] = [];
  let simulator: Simulator;
  let collector: Server;
  beforeAll(async () => {
    simulator = await startSimulator();
    // An OTLP/HTTP collector: the exporter posts JSON to /v1/traces.
    collector = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += String(chunk)));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          const { resourceSpans } = JSON.parse(text);
          for (const resource of resourceSpans)
            for (const scope of resource.scopeSpans) exported.push(...scope.spans);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    collector.close();
    await simulator.close();
  });

  async function run(env: Record<string, string>) {
    const modulesFile = join(mkdtempSync(join(tmpdir(), 'atlas-graph-modules-')), 'loaded');
    simulator.clearRequests();
    const gateway = await startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      NODE_OPTIONS: `--import=${RECORDER}`,
      RECORD_MODULES_TO: modulesFile,
      SHUTDOWN_DRAIN_MS: '0',
      ...env,
    });
    const body = await post(gateway.url, SMALL, { p: SEED.projectId }, CALLER_HEADERS);
    expect(body.errors).toBeUndefined();
    // The graceful shutdown flushes the spans still batched.
    expect(await gateway.stop()).toBe(0);
    const modules = readFileSync(modulesFile, 'utf8').split('\n');
    return { logs: gateway.logs, modules, sent: atlasCalls(simulator) };
  }

  const sdkModules = (modules: string[]) =>
    modules.filter((url) => /@opentelemetry\/(?!api\/)|src\/open-telemetry\.ts$/.test(url));

  it('exports spans over OTLP/HTTP to the collector OTEL_EXPORTER_OTLP_ENDPOINT names', async () => {
    const { port } = collector.address() as AddressInfo;
    const { logs, modules, sent } = await run({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: 'atlas-graph-test',
    });
    expect(sdkModules(modules)).not.toEqual([]);
    const operation = exported.find((span) => span.name === 'query Small')!;
    expect(operation).toMatchObject({ traceId: CALLER_TRACE, parentSpanId: CALLER_SPAN });
    const calls = exported.filter((span) => span.parentSpanId === operation.spanId);
    expect(calls.map((span) => span.name)).toEqual([
      'atlas getGroupPipeline',
      'atlas listGroupPipelineRuns',
    ]);
    expect(sent.map((request) => request.headers.traceparent)).toEqual(
      calls.map((span) => `00-${CALLER_TRACE}-${span.spanId}-01`),
    );
    expect(logs.find((line) => line.msg === 'graphql operation')).toMatchObject({
      traceId: CALLER_TRACE,
      spanId: operation.spanId,
    });
  });

  it('loads no OpenTelemetry SDK and sends no traceparent without an exporter configured', async () => {
    const { logs, modules, sent } = await run({});
    expect(modules).toContainEqual(expect.stringMatching(/src\/tracing\.ts$/));
    expect(sdkModules(modules)).toEqual([]);
    expect(sent).toHaveLength(2);
    for (const request of sent) expect(request.headers).not.toHaveProperty('traceparent');
    const line = logs.find((entry) => entry.msg === 'graphql operation')!;
    expect(line).not.toHaveProperty('traceId');
    expect(line).not.toHaveProperty('spanId');
  });
});
