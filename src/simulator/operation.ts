/** What a route file declares, and what its handlers receive and return. */
import type { DeprecationNotice } from './media.ts';
import type { Query } from './query.ts';
import { type Project, requireProject, type World } from './store.ts';
import type { GoneFamily, RateLimitValues } from './types.ts';

/** The calling credential, as the root resource reports it. */
export type Caller =
  | { kind: 'digest'; publicKey: string }
  | { kind: 'bearer'; clientId: string }
  | { kind: 'anonymous' };

export interface OperationContext {
  world: World;
  /** Percent-decoded path parameters, already checked against the contract's patterns. */
  params: Record<string, string>;
  query: Query;
  /** Parsed JSON body, when the operation takes one. */
  body: unknown;
  /** The negotiated versioned media type. */
  mediaType: string;
  /** The simulator clock, read once per request. */
  now: number;
  /** Absolute origin for links, e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The path as received (percent-encoded). */
  path: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  caller: Caller;
  behaviour: SimulatedBehaviour;
}

/** Knobs of the simulation that handlers consult. */
export interface SimulatedBehaviour {
  runDurationMs: number;
  /** True when the run being triggered now must end in FAILED (consumes one failNextTriggeredRuns). */
  takeTriggeredRunFailure(): boolean;
  /** The size of an endpoint set's bucket, after the simulator's overrides. */
  bucketLimits(setId: string): RateLimitValues | undefined;
}

/** `entity` and `array` are wrapped as {status, content} by envelope=true; a `page` gains `status`. */
export interface OperationResult {
  status?: number;
  kind: 'entity' | 'page' | 'array';
  body: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** An answer with no body (204). */
export function noContent(): OperationResult {
  return { kind: 'entity', body: undefined, status: 204 };
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** Template with {param} segments, e.g. /api/atlas/v2/groups/{groupId}/pipelines */
  path: string;
  /** Versions the operation serves; the first is not preferred, Accept decides. */
  mediaTypes: readonly string[];
  /** Whether a JSON request body is expected (and required). */
  takesBody?: boolean;
  /** Sunset family that setGone() can remove. */
  family?: GoneFamily;
  deprecatedVersions?: Readonly<Record<string, DeprecationNotice>>;
  handle(context: OperationContext): OperationResult;
}

export function entity(body: unknown, status?: number): OperationResult {
  return status === undefined ? { kind: 'entity', body } : { kind: 'entity', body, status };
}

/** Absolute `self` link, for the entities whose schema has `links`. */
export function selfLinks(origin: string, path: string): { href: string; rel: string }[] {
  return [{ href: origin + path, rel: 'self' }];
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

export function optionalIsoDate(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : isoDate(ms);
}

export const API_PREFIX = '/api/atlas/v2';
export const GROUP_PREFIX = `${API_PREFIX}/groups/{groupId}`;

/** A path parameter the route template declares (a missing one is a bug in the route table). */
export function pathParam(context: OperationContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) throw new Error(`The route has no {${name}} parameter`);
  return value;
}

export function projectInContext(context: OperationContext): Project {
  return requireProject(context.world, pathParam(context, 'groupId'));
}
