/** Small HTTP helpers for talking to the simulator over real loopback HTTP. */
import { SEED, type Simulator } from '../../src/simulator/index.ts';
import {
  assertContractConformance,
  validateRequest,
  validateResponse,
} from '../contract/openapi.ts';

export const V2023 = 'application/vnd.atlas.2023-01-01+json';
export const V2024_05_30 = 'application/vnd.atlas.2024-05-30+json';
export const V2024_08_05 = 'application/vnd.atlas.2024-08-05+json';
export const V2024_11_13 = 'application/vnd.atlas.2024-11-13+json';
export const V2025_03_12 = 'application/vnd.atlas.2025-03-12+json';
export const GROUP = `/api/atlas/v2/groups/${SEED.projectId}`;

export interface ApiCall {
  method?: string;
  accept?: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export async function call<T = any>(
  sim: Simulator,
  path: string,
  options: ApiCall = {},
): Promise<ApiAnswer<T>> {
  const accept = options.accept ?? V2023;
  const headers: Record<string, string> = { accept, ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? accept;
  }
  const response = await fetch(sim.url + path, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed as T };
}

export const pipelinePath = (name: string) => `${GROUP}/pipelines/${encodeURIComponent(name)}`;

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2025, 6, 1)) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/**
 * Every recorded exchange against the contract: requests it allows must conform both ways; the answers
 * to requests outside it (malformed ids, wrong versions) must still be contract-shaped errors.
 */
export function assertConformingExchanges(sim: Simulator): void {
  const allowed = sim.requests.filter((request) => validateRequest(request).length === 0);
  assertContractConformance(allowed);
  for (const request of sim.requests.filter((candidate) => !allowed.includes(candidate))) {
    if (request.status < 400)
      throw new Error(`${request.method} ${request.path} was answered ${request.status}`);
    const problems = validateResponse(request);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }
}
