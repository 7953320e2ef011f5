import type { Tracing } from './open-telemetry.ts';

/**
 * Tracing as OpenTelemetry's variables ask: OTEL_TRACES_EXPORTER `otlp` (the default once an
 * OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set; endpoint, headers and timeout are read by the exporter),
 * `console`, or `none`. Undefined when nothing is configured, and then the OpenTelemetry SDK is never
 * loaded (src/open-telemetry.ts is imported only here, only when an exporter is asked for).
 */
export async function tracingFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Tracing | undefined> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const kind = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || (endpoint ? 'otlp' : 'none');
  if (kind !== 'otlp' && kind !== 'console') return undefined;
  const serviceName = env.OTEL_SERVICE_NAME || 'atlas-graph';
  const { Tracing } = await import('./open-telemetry.ts');
  return Tracing.withExporter(kind, serviceName);
}
