import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningGateway, startGateway } from '../../src/server.ts';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { Tracing, tracingFromEnvironment } from '../../src/tracing.ts';
import { postGraphQL } from '../support/gateway-process.ts';

const exporter = new InMemorySpanExporter();
let simulator: Simulator;
let gateway: RunningGateway;
beforeAll(async () => {
  simulator = await startSimulator();
  const config = loadConfig({
    MONGODB_ATLAS_BASE_URL: simulator.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  gateway = await startGateway(config, createLogger('silent', silent), {
    tracing: Tracing.withProcessor(new SimpleSpanProcessor(exporter)),
  });
});
afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

describe('OpenTelemetry spans', () => {
  it('record each operation with its upstream calls as children', async () => {
    const query = `query Small($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { state } } } } }`;
    const { body } = await postGraphQL(gateway.url, query, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();

    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'graphql.query Small')!;
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'Small',
      'graphql.operation.type': 'query',
    });
    const children = spans.filter((span) => span.parentSpanId === operation.spanContext().spanId);
    expect(
      children.map((span) => [span.name, span.attributes['http.response.status_code']]),
    ).toEqual([
      ['atlas getGroupPipeline', 200],
      ['atlas listGroupPipelineRuns', 200],
    ]);
    for (const child of children) {
      expect(child.spanContext().traceId).toBe(operation.spanContext().traceId);
      expect(child.attributes['url.path']).toMatch(/^\/api\/atlas\/v2\/groups\//);
    }
  });

  it('mark a failed operation with its error codes', async () => {
    exporter.reset();
    await postGraphQL(
      gateway.url,
      `query Broken($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`,
      { p: SEED.unknownProjectId },
    );
    const operation = exporter
      .getFinishedSpans()
      .find((span) => span.name === 'graphql.query Broken')!;
    expect(operation.status).toEqual({ code: 2, message: 'NOT_FOUND' });
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
  });

  it('are off unless OpenTelemetry variables configure an exporter', async () => {
    expect(tracingFromEnvironment({})).toBeUndefined();
    expect(
      tracingFromEnvironment({
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      }),
    ).toBeUndefined();
    const otlp = tracingFromEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    expect(otlp).toBeInstanceOf(Tracing);
    return otlp!.shutdown();
  });
});
