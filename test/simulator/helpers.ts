/** Small HTTP helpers for talking to the simulator over real loopback HTTP. */
import { SEED, type Simulator } from '../../src/simulator/index.ts';

export const V2023 = 'application/vnd.atlas.2023-01-01+json';
export const V2024_05_30 = 'application/vnd.atlas.2024-05-30+json';
export const V2024_11_13 = 'application/vnd.atlas.2024-11-13+json';
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
