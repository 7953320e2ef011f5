/** Query-parameter parsing with Atlas-style 400s (INVALID_QUERY_PARAMETER + badRequestDetail). */
import { badRequest } from './errors.ts';

export type Query = Record<string, string>;

export function invalidQueryParameter(name: string, description: string) {
  return badRequest('INVALID_QUERY_PARAMETER', `Invalid query parameter ${name}: ${description}`, [
    { field: name, description },
  ]);
}

export function booleanParam(query: Query, name: string, fallback: boolean): boolean {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidQueryParameter(name, `must be true or false, got "${raw}".`);
}

export function integerParam(
  query: Query,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const value = /^-?\d{1,19}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value))
    throw invalidQueryParameter(name, `must be an integer, got "${raw}".`);
  if (bounds.min !== undefined && value < bounds.min)
    throw invalidQueryParameter(name, `must be at least ${bounds.min}.`);
  if (bounds.max !== undefined && value > bounds.max)
    throw invalidQueryParameter(name, `must be at most ${bounds.max}.`);
  return value;
}

/** RFC 3339 date-time (what OpenAPI's `format: date-time` means). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

export function dateTimeParam(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (!isDateTime(raw))
    throw invalidQueryParameter(name, `must be an ISO 8601 date-time, got "${raw}".`);
  return Date.parse(raw);
}
