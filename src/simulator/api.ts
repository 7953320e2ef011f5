/**
 * The API side of the simulator: what an /api/atlas/v2 request is answered, in this order:
 * authentication (401), sunset families (410/404), route (404), Accept (406), path parameters (400),
 * envelope/pretty (400), body media type (415) and JSON (400), then the operation itself.
 */
import type { Authenticator } from './auth.ts';
import { endpointSetOf, UNLISTED_SET } from './endpoint-sets.ts';
import { AtlasError, badRequest, notFound } from './errors.ts';
import { isSameMediaType, negotiateMediaType } from './media.ts';
import type {
  Operation,
  OperationContext,
  OperationResult,
  SimulatedBehaviour,
} from './operation.ts';
import { booleanParam, type Query } from './query.ts';
import type { RateLimitMeter } from './rate-limit.ts';
import { decodePathParams, type RouteMatch } from './routes.ts';
import type { World } from './store.ts';
import type { GoneFamily, RateLimitValues } from './types.ts';

/** A complete answer: JSON (`body`) or raw text (`rawBody`). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  pretty?: boolean;
}

export interface IncomingApiRequest {
  method: string;
  /** The request-target as received: what a Digest `uri` must repeat. */
  target: string;
  path: string;
  query: Query;
  headers: Record<string, string>;
  rawBody: string;
  origin: string;
}

export interface ApiDependencies {
  world(): World;
  now(): number;
  auth: Authenticator;
  rateLimits: RateLimitMeter;
  /** Answer 429 when a bucket is empty (SimulatorOptions.enforceRateLimits). */
  enforceRateLimits: boolean;
  gone: ReadonlyMap<GoneFamily, 410 | 404>;
  behaviour: SimulatedBehaviour;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorAnswer(error: AtlasError, extraHeaders: Record<string, string> = {}): Answer {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/json', ...extraHeaders, ...error.headers },
    body: error.toBody(),
  };
}

/**
 * Atlas's 429 (contract README, "Rate limits"): `parameters` are the endpoint set (the simulator names it
 * by its id), the seconds to wait, the capacity, the refill rate and its period.
 */
function rateLimited(setId: string, seconds: number, limits: RateLimitValues): AtlasError {
  const { capacity, refillRate, refillDurationSeconds } = limits;
  const error = new AtlasError(
    429,
    'RATE_LIMITED_TOKEN_BUCKET',
    `Rate limit exceeded for ${setId}. Please retry after ${seconds} seconds. Request capacity: ${capacity}. Refill rate: ${refillRate} per ${refillDurationSeconds} seconds.`,
    [setId, seconds, capacity, refillRate, refillDurationSeconds],
  );
  return error;
}

function unknownRoute(path: string): AtlasError {
  return notFound('RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, path);
}

/** The JSON body of an operation that takes one: present, of the negotiated media type, well-formed. */
function requestBody(request: IncomingApiRequest, mediaType: string): unknown {
  if (request.rawBody.trim() === '')
    throw badRequest('INVALID_JSON', 'A request body is required.');
  if (!isSameMediaType(request.headers['content-type'], mediaType)) {
    throw new AtlasError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The request body must be sent as ${mediaType}.`,
      [request.headers['content-type'] ?? null],
    );
  }
  const body = parseJson(request.rawBody);
  if (body === undefined) throw badRequest('INVALID_JSON', 'The request body is not valid JSON.');
  return body;
}

/** envelope=true: entities and bare arrays become {status, content}; pages gain `status`. */
function wrapInEnvelope(result: OperationResult, status: number): unknown {
  if (result.kind === 'page') return { ...(result.body as object), status };
  return { status, content: result.body };
}

export function answerApi(
  deps: ApiDependencies,
  request: IncomingApiRequest,
  route: RouteMatch | undefined,
): Answer {
  const operation: Operation | undefined = route?.operation;
  const project = /^\/api\/atlas\/v2\/groups\/([^/]+)/.exec(request.path)?.[1] ?? 'root';
  const set = operation && endpointSetOf(operation.method, operation.path);
  const bucket = set ? `${set.id}:${set.scope === 'GROUP' ? project : 'caller'}` : project;
  const limits = deps.behaviour.bucketLimits(set?.id ?? UNLISTED_SET);
  const { limit, remaining, retryAfterSeconds } = deps.rateLimits.take(
    bucket,
    limits,
    deps.enforceRateLimits,
  );
  const rateHeaders = {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(remaining),
  };
  if (retryAfterSeconds !== undefined && limits)
    return errorAnswer(rateLimited(set?.id ?? UNLISTED_SET, retryAfterSeconds, limits), {
      ...rateHeaders,
      'Retry-After': String(retryAfterSeconds),
    });
  try {
    const caller = deps.auth.authenticate(
      request.method,
      request.target,
      request.headers.authorization,
    );
    const goneAs = operation?.family && deps.gone.get(operation.family);
    if (goneAs === 410)
      throw new AtlasError(
        410,
        'VERSION_GONE',
        'This resource has been sunset and is no longer available.',
      );
    if (!operation || goneAs === 404) throw unknownRoute(request.path);

    const mediaType = negotiateMediaType(request.headers.accept, operation.mediaTypes);
    const params = decodePathParams(route?.rawParams ?? {});
    const envelope = booleanParam(request.query, 'envelope', false);
    const pretty = booleanParam(request.query, 'pretty', false);
    const context: OperationContext = {
      world: deps.world(),
      params,
      query: request.query,
      body: operation.takesBody ? requestBody(request, mediaType) : undefined,
      mediaType,
      now: deps.now(),
      origin: request.origin,
      path: request.path,
      headers: request.headers,
      caller,
      behaviour: deps.behaviour,
    };
    const result = operation.handle(context);
    const status = result.status ?? 200;
    const notice = operation.deprecatedVersions?.[mediaType];
    const deprecationHeaders: Record<string, string> = notice
      ? { Deprecation: notice.deprecation, Sunset: notice.sunset }
      : {};
    return {
      status,
      headers: { 'Content-Type': mediaType, ...rateHeaders, ...deprecationHeaders },
      body: envelope && result.body !== undefined ? wrapInEnvelope(result, status) : result.body,
      pretty,
    };
  } catch (error) {
    if (error instanceof AtlasError) return errorAnswer(error, rateHeaders);
    const detail = error instanceof Error ? error.message : String(error);
    return errorAnswer(
      new AtlasError(500, 'UNEXPECTED_ERROR', `Unexpected error: ${detail}`),
      rateHeaders,
    );
  }
}
