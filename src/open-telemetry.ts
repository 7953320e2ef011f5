import {
  type Context,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import type { CallTrace, UpstreamCallStart } from './atlas/request.ts';

// GraphQL's names are still incubating in the semantic conventions, whose guidance is to copy them, not import them.
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
const ATTR_GRAPHQL_DOCUMENT = 'graphql.document';

/** A span's ids as log lines carry them. */
export interface TraceIds {
  traceId: string;
  spanId: string;
}

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * OpenTelemetry spans (SDK 2.x): one per GraphQL operation, continuing the caller's W3C trace context
 * (`traceparent`, `tracestate`), and one client span per upstream exchange, whose context travels to
 * Atlas in its own `traceparent`. Loaded only when an exporter is configured (src/tracing.ts): a
 * gateway without tracing never loads this module nor the SDK. Contexts are passed explicitly, so no
 * context manager (async hooks) is installed.
 */
export class Tracing {
  private readonly tracer: Tracer;
  private readonly provider: BasicTracerProvider;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(provider: BasicTracerProvider) {
    this.provider = provider;
    this.tracer = provider.getTracer('atlas-graph');
  }

  /** Spans to `processor`; the sampler is OpenTelemetry's default or OTEL_TRACES_SAMPLER's (parent-based). */
  static withProcessor(processor: SpanProcessor, serviceName = 'atlas-graph'): Tracing {
    return new Tracing(
      new BasicTracerProvider({
        resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
        spanProcessors: [processor],
      }),
    );
  }

  /** `otlp`: OTLP over HTTP (JSON), endpoint, headers and timeout from OTEL_EXPORTER_OTLP_*; or `console`. */
  static withExporter(kind: 'otlp' | 'console', serviceName: string): Tracing {
    const exporter = kind === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
    return Tracing.withProcessor(new BatchSpanProcessor(exporter), serviceName);
  }

  /**
   * The operation's span, a child of the caller's span when the request carries a valid `traceparent`
   * (else the root of a new trace). Named as the semantic conventions say: `{type} {name}`.
   */
  startOperation(
    requestHeaders: Headers,
    name: string | null,
    type: string,
    document: string | undefined,
  ): Span {
    const parent = this.propagator.extract(ROOT_CONTEXT, requestHeaders, headerGetter);
    return this.tracer.startSpan(
      name ? `${type} ${name}` : type,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_GRAPHQL_OPERATION_TYPE]: type,
          ...(name && { [ATTR_GRAPHQL_OPERATION_NAME]: name }),
          ...(document && { [ATTR_GRAPHQL_DOCUMENT]: document }),
        },
      },
      parent,
    );
  }

  endOperation(span: Span, errorCodes: string[]): void {
    if (errorCodes.length > 0) {
      span.setAttribute('graphql.error.codes', errorCodes);
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(', ') });
    }
    span.end();
  }

  ids(span: Span | undefined): TraceIds | undefined {
    if (!span) return undefined;
    const { traceId, spanId } = span.spanContext();
    return { traceId, spanId };
  }

  /**
   * One upstream exchange as a client span, a child of its operation's span (or a root when it has
   * none), begun as it is sent: `headers` gain its `traceparent` (and the caller's `tracestate`).
   * `url.full` carries no credential: Atlas's are in headers, and any user info in the base URL is left out.
   */
  startUpstreamCall(
    operationSpan: Span | undefined,
    call: UpstreamCallStart,
    headers: Record<string, string>,
  ): CallTrace {
    const url = new URL(call.url);
    const parent = operationSpan ? trace.setSpan(ROOT_CONTEXT, operationSpan) : ROOT_CONTEXT;
    const span = this.tracer.startSpan(
      `atlas ${call.operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'atlas.operation': call.operation,
          [ATTR_HTTP_REQUEST_METHOD]: call.method,
          [ATTR_URL_FULL]: `${url.protocol}//${url.host}${url.pathname}${url.search}`,
          [ATTR_SERVER_ADDRESS]: url.hostname,
          [ATTR_SERVER_PORT]: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        },
      },
      parent,
    );
    const context: Context = trace.setSpan(parent, span);
    this.propagator.inject(context, headers, defaultTextMapSetter);
    const { traceId, spanId } = span.spanContext();
    return {
      traceId,
      spanId,
      end: (status) => {
        if (typeof status === 'number') {
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
          // The semantic conventions mark every 4xx and 5xx answer of a client span as an error.
          if (status >= 400) {
            span.setAttribute(ATTR_ERROR_TYPE, String(status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
        } else {
          span.setAttribute('atlas.call.outcome', status);
          // A call cancelled because its operation had ended is not a failure of Atlas.
          if (status === 'error') {
            span.setAttribute(ATTR_ERROR_TYPE, '_OTHER');
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
        }
        span.end();
      },
    };
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
