import {
  context as otelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { UpstreamCallRecord } from './atlas/request.ts';

/**
 * OpenTelemetry spans: one per GraphQL operation, one child per upstream call. Only with an exporter
 * configured (OpenTelemetry's own variables, see `exporterFromEnvironment`); without one, no span
 * is ever built, so the hot path pays nothing.
 */
export class Tracing {
  private readonly tracer: Tracer;

  private readonly provider: BasicTracerProvider;

  constructor(provider: BasicTracerProvider) {
    this.provider = provider;
    this.tracer = provider.getTracer('atlas-graph');
  }

  static withProcessor(processor: SpanProcessor, serviceName = 'atlas-graph'): Tracing {
    return new Tracing(
      new BasicTracerProvider({
        resource: new Resource({ 'service.name': serviceName }),
        spanProcessors: [processor],
      }),
    );
  }

  startOperation(name: string, type: string): Span {
    return this.tracer.startSpan(`graphql.${type} ${name}`, {
      kind: SpanKind.SERVER,
      attributes: { 'graphql.operation.name': name, 'graphql.operation.type': type },
    });
  }

  endOperation(span: Span, errorCodes: string[]): void {
    if (errorCodes.length > 0) {
      span.setAttribute('graphql.error.codes', errorCodes);
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(', ') });
    }
    span.end();
  }

  /**
   * An upstream call as a child of its operation's span, recorded when it ends (the client reports calls
   * once done): its start is back-dated by its duration. The path is the route's, never a query string.
   */
  upstreamCall(parent: Span | undefined, call: UpstreamCallRecord): void {
    const end = performance.timeOrigin + performance.now();
    const parentContext = parent
      ? trace.setSpan(otelContext.active(), parent)
      : otelContext.active();
    const span = this.tracer.startSpan(
      `atlas ${call.operation}`,
      {
        kind: SpanKind.CLIENT,
        startTime: end - call.ms,
        attributes: {
          'atlas.operation': call.operation,
          'http.request.method': call.method,
          'url.path': call.path,
          ...(typeof call.status === 'number'
            ? { 'http.response.status_code': call.status }
            : { 'atlas.call.outcome': call.status }),
        },
      },
      parentContext,
    );
    // A call cancelled because its operation had ended is not a failure of Atlas.
    if (call.status === 'error' || (typeof call.status === 'number' && call.status >= 500))
      span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/**
 * Tracing as OpenTelemetry's variables ask: OTEL_TRACES_EXPORTER `otlp` (the default once an
 * OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set; endpoint, headers and timeout are read by the exporter),
 * `console`, or `none`. Undefined when nothing is configured.
 */
export function tracingFromEnvironment(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const kind = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || (endpoint ? 'otlp' : 'none');
  let exporter: SpanExporter;
  if (kind === 'otlp') exporter = new OTLPTraceExporter();
  else if (kind === 'console') exporter = new ConsoleSpanExporter();
  else return undefined;
  return Tracing.withProcessor(
    new BatchSpanProcessor(exporter),
    env.OTEL_SERVICE_NAME || 'atlas-graph',
  );
}
