import type { Authenticator } from './auth/authenticator.ts';
import type { CallDeadline } from './call-deadline.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface AtlasRequest {
  /** The contract's operationId: names the route in logs and deprecation notices. */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL, segments already percent-encoded. */
  path: string;
  /** Query string without `?`, already canonical (see `queryString`). */
  query?: string;
  accept: string;
  body?: unknown;
  /** Named in UPSTREAM_GONE errors when Atlas has removed the route. */
  successor?: string;
  /** The route is deprecated upstream with this sunset date: a generic 404 means Atlas removed it. */
  sunset?: string;
}

/** What one GraphQL operation contributes to each of its upstream calls. */
export interface CallScope {
  requestId: string;
  /** Absolute time (ms since epoch) after which no retry starts. */
  deadline: number;
  signal?: AbortSignal;
  /**
   * The operation's deadline and `signal` as one signal for all its calls; without it, each call makes
   * its own. Dropped when the operation ends (later calls, if any, fall back to their own).
   */
  callDeadline?: CallDeadline;
  /** Who asked, for fairness between callers of one project (src/auth/caller.ts `fairnessKey`). */
  caller?: string;
  /** The caller's own credential (AUTH_MODE=forward), used instead of the client's. */
  authenticator?: Authenticator;
  onCall?: (record: UpstreamCallRecord) => void;
  /**
   * Begins the trace of one exchange as it is sent (only with tracing on): adds the headers that carry
   * it to Atlas (`traceparent`, `tracestate`) to `headers`, and answers its ids and how it ends.
   */
  traceCall?: (call: UpstreamCallStart, headers: Record<string, string>) => CallTrace;
  /** Told of each retry of an idempotent call, by route (metrics). */
  onRetry?: (operation: string) => void;
}

export interface UpstreamCallRecord {
  operation: string;
  method: HttpMethod;
  path: string;
  /** The HTTP status; `error` when no answer came, `cancelled` when the operation ended first. */
  status: number | 'error' | 'cancelled';
  ms: number;
}

export interface UpstreamCallStart {
  operation: string;
  method: HttpMethod;
  /** The full URL sent: base URL, path and query string. */
  url: string;
}

/** One traced exchange: its ids for the log line, and its end with the status (as in UpstreamCallRecord). */
export interface CallTrace {
  traceId: string;
  spanId: string;
  end(status: UpstreamCallRecord['status']): void;
}

/** Builds a query string in the given key order, leaving out undefined values. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
}
