/** Public types of the Atlas simulator. Nothing here may come from the gateway's code. */

import type { World } from './store.ts';

export interface SimulatorOptions {
  /** Listen port; 0 (default) picks an ephemeral one. */
  port?: number;
  /** Listen address, default 127.0.0.1. */
  host?: string;
  /** Fixed latency added before every answer (default 0). */
  latencyMs?: number;
  /** Extra uniform random latency, 0..jitterMs. */
  jitterMs?: number;
  /** When set, Digest auth (legacy API keys) is enforced. */
  digest?: { publicKey: string; privateKey: string };
  /** When set, Bearer tokens minted by POST /api/oauth/token are enforced. */
  serviceAccount?: { clientId: string; clientSecret: string; tokenTtlSeconds?: number };
  /** How long a triggered run takes from PENDING to DONE (default 20_000). */
  runDurationMs?: number;
  /** How long a Digest nonce stays valid (default 5 minutes). */
  nonceTtlMs?: number;
  /** Clock, so tests can control time (default Date.now). */
  now?: () => number;
  /**
   * How many requests `requests` keeps, oldest dropped first (default 10_000); 0 records nothing.
   * Long-running embeddings (npm start, the standalone runner) should pass 0 to keep memory flat.
   */
  maxRecordedRequests?: number;
  /**
   * Throttle as Atlas does: a call finding its bucket empty is answered 429 RATE_LIMITED_TOKEN_BUCKET
   * (default false: the buckets only inform, through the RateLimit-* headers).
   */
  enforceRateLimits?: boolean;
  /**
   * Other sizes for some buckets, by endpoint set id (src/simulator/endpoint-sets.ts) or `unlisted` (the
   * per-project bucket of routes in no set); listRateLimits reports them.
   */
  rateLimitOverrides?: Record<string, RateLimitValues>;
}

/** A token bucket's size and how fast it refills. */
export interface RateLimitValues {
  capacity: number;
  refillRate: number;
  refillDurationSeconds: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without query string, percent-encoded as received. */
  path: string;
  /** Decoded query parameters (last value wins). */
  query: Record<string, string>;
  /** The query string as received, without '?'. */
  rawQuery: string;
  /** Lower-cased header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON, the form object for the OAuth endpoints, or undefined. */
  body: unknown;
  rawBody: string;
  /** 0 until answered (and for requests that were reset or left hanging). */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
  /** The contract operationId matched; undefined for the OAuth endpoints and unknown routes. */
  operationId: string | undefined;
  /** True when an injected fault answered (or dropped) the request instead of the API. */
  fault?: boolean;
  startedAt: number;
  endedAt: number;
}

export interface FaultRule {
  method?: string;
  /** Exact path, a prefix ending in '*', or a RegExp; tested on the path as received and decoded. */
  path?: string | RegExp;
  operationId?: string;
  /** How many matching requests it applies to (default Infinity). */
  times?: number;
  /** Answer this status instead; the body defaults to an Atlas error body for it. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this raw text instead (HTML, truncated JSON...). */
  rawBody?: string;
  contentType?: string;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Delay before answering, normally or with the fault. */
  delayMs?: number;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
}

export type GoneFamily = 'pipelines' | 'serverless';

export interface Simulator {
  /** e.g. http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Every request received, in arrival order (OAuth endpoints too). */
  requests: RecordedRequest[];
  clearRequests(): void;
  setLatency(ms: number, jitterMs?: number): void;
  /** Rules are checked in insertion order. */
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Simulate Atlas having removed the sunset routes of a family. */
  setGone(family: GoneFamily, how: 410 | 404 | false): void;
  /** The next n triggered runs end in FAILED. */
  failNextTriggeredRuns(n: number): void;
  /** The live store, for tests that add or remove items between two requests (reset() replaces it). */
  world(): World;
  /** Back to the seed state; clears the log, faults and gone families; latency back to the start options. */
  reset(): void;
  close(): Promise<void>;
}
