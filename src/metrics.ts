import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamCallRecord } from './atlas/request.ts';

/**
 * The gateway's Prometheus metrics, in a registry of its own (not prom-client's global one), so that two
 * gateways in one process (tests) never share or double-register series. Labels are bounded: operation
 * names by `operationLabel`, routes are the contract's operation ids.
 */
export const MAX_OPERATION_NAMES = 500;
export const MAX_OPERATION_NAME_LENGTH = 100;
export const OTHER_OPERATIONS = '(other)';

/**
 * Why a request was refused before execution: a fixed set, so a caller cannot make series up
 * (docs/operations.md explains each).
 */
export const REFUSAL_REASONS = [
  'unauthenticated',
  'csrf',
  'body_too_large',
  'url_too_long',
  'bad_request',
  'parse',
  'validation',
  'variables',
  'depth',
  'aliases',
  'tokens',
  'directives',
  'cost',
  'persisted_query',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** How an operation ended, as far as its metric label is concerned. */
export interface OperationOutcome {
  failed: boolean;
  upstreamCalls: number;
}

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  private readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations executed, by operation name, type and outcome (ok, or error when any error was returned).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly operationSeconds = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to execute a GraphQL operation (parse and validation excluded).',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25],
    registers: [this.registry],
  });

  private readonly upstreamCalls = new Counter({
    name: 'atlas_upstream_calls_total',
    help: 'HTTP exchanges with Atlas, by route (contract operation id) and status ("error" when no answer came, "cancelled" when the operation had ended).',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly upstreamSeconds = new Histogram({
    name: 'atlas_upstream_call_duration_seconds',
    help: 'Time of one HTTP exchange with Atlas.',
    labelNames: ['route'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });

  private readonly upstreamRetries = new Counter({
    name: 'atlas_upstream_retries_total',
    help: 'Upstream calls retried (429, 502, 503, 504 or a reset), by route.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  private readonly responseCache = new Counter({
    name: 'graphql_response_cache_total',
    help: 'Response cache lookups, by result (hit or miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly executions = new Counter({
    name: 'graphql_executions_total',
    help: 'Operations executed, by executor: compiled (a query from its second run) or interpreted (the rest, and a compiled run that fell back).',
    labelNames: ['executor'] as const,
    registers: [this.registry],
  });

  private readonly refusals = new Counter({
    name: 'graphql_requests_refused_total',
    help: 'Requests refused before execution (authentication, CSRF, size, parse, validation, variables, operation limits, trusted documents), by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly admissionRefusals = new Counter({
    name: 'atlas_upstream_admission_refusals_total',
    help: "Operations refused before execution because the project's Atlas budget could not serve their predicted upstream calls before the deadline (UPSTREAM_ADMISSION).",
    registers: [this.registry],
  });

  private readonly queueWait = new Histogram({
    name: 'atlas_upstream_queue_wait_seconds',
    help: 'Time an upstream call waited for a concurrency slot and a token before it was sent.',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly knownOperationNames: ReadonlySet<string>;

  constructor(
    options: {
      limiterQueue?: () => number;
      /** Reads served by an identical read already in flight (src/atlas/in-flight.ts). */
      coalescedCalls?: () => number;
      /** Tokens left in each Atlas bucket, by project and endpoint set (src/atlas/atlas-buckets.ts). */
      budgetRemaining?: () => { project: string; set: string; tokens: number }[];
      knownOperationNames?: Iterable<string>;
    } = {},
  ) {
    collectDefaultMetrics({ register: this.registry });
    const { limiterQueue, coalescedCalls, budgetRemaining } = options;
    new Gauge({
      name: 'atlas_upstream_budget_remaining',
      help: "Tokens left in Atlas's bucket as this replica sees it (steered by Atlas's RateLimit-* headers and 429s), by project and endpoint set (`unlisted`: routes in no set Atlas lists).",
      labelNames: ['project', 'endpoint_set'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { project, set, tokens } of budgetRemaining?.() ?? [])
          this.set({ project, endpoint_set: set }, tokens);
      },
    });
    new Counter({
      name: 'atlas_upstream_coalesced_calls_total',
      help: 'Upstream reads not sent because an identical read under the same credential was already in flight: they shared its answer.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(coalescedCalls?.() ?? 0);
      },
    });
    this.knownOperationNames = new Set(options.knownOperationNames);
    new Gauge({
      name: 'atlas_upstream_limiter_queued',
      help: 'Upstream calls waiting for the per-project limiter (a concurrency slot or a rate token).',
      registers: [this.registry],
      collect() {
        this.set(limiterQueue?.() ?? 0);
      },
    });
    // Series appear at zero before the first event, so dashboards and alerts see them from the start.
    this.responseCache.inc({ result: 'hit' }, 0);
    this.responseCache.inc({ result: 'miss' }, 0);
    for (const executor of ['compiled', 'interpreted']) this.executions.inc({ executor }, 0);
    for (const reason of REFUSAL_REASONS) this.refusals.inc({ reason }, 0);
  }

  admissionRefused(): void {
    this.admissionRefusals.inc();
  }

  upstreamQueueWait(seconds: number): void {
    this.queueWait.observe(seconds);
  }

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  execution(executor: 'compiled' | 'interpreted'): void {
    this.executions.inc({ executor });
  }

  operation(name: string, type: string, outcome: OperationOutcome, seconds: number): void {
    const operation = this.operationLabel(name, outcome);
    this.operations.inc({ operation, type, outcome: outcome.failed ? 'error' : 'ok' });
    this.operationSeconds.observe({ operation, type }, seconds);
  }

  /**
   * Operation names are the client's to choose: every new one would be a new series kept for the life of
   * the process, so a caller sending endless names would grow /metrics until scrapes fail, and the first
   * names seen would decide which screens keep a series. Names the gateway knows (its trusted documents
   * and example operations) always keep theirs. Any other name of up to MAX_OPERATION_NAME_LENGTH
   * characters earns one by an operation that succeeded and reached Atlas (so junk, which fails or asks
   * nothing of Atlas, never does), up to MAX_OPERATION_NAMES such names; the rest count under
   * OTHER_OPERATIONS.
   */
  private operationLabel(name: string, outcome: OperationOutcome): string {
    if (this.knownOperationNames.has(name) || this.operationNames.has(name)) return name;
    const earned = !outcome.failed && outcome.upstreamCalls > 0;
    if (!earned || name.length > MAX_OPERATION_NAME_LENGTH) return OTHER_OPERATIONS;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }

  upstreamCall(record: UpstreamCallRecord): void {
    this.upstreamCalls.inc({ route: record.operation, status: String(record.status) });
    this.upstreamSeconds.observe({ route: record.operation }, record.ms / 1000);
  }

  upstreamRetry(route: string): void {
    this.upstreamRetries.inc({ route });
  }

  cacheLookup(hit: boolean): void {
    this.responseCache.inc({ result: hit ? 'hit' : 'miss' });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
