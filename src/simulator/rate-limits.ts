/**
 * The rate-limit inspection operations (version 2025-03-12): the endpoint sets of
 * src/simulator/endpoint-sets.ts with their default limits (no overrides, so `defaultValue` is never
 * returned).
 *
 * Query parameters (documented choices where the contract leaves room):
 * - `groupId`, `orgId`, `userId` and `ipAddress` each keep the sets of one scope (GROUP, ORGANIZATION,
 *   USER, IP); the entity must be the caller's: a project or organisation of the world, the caller's
 *   API public key or client id (any value when unauthenticated), any address (the simulator does not
 *   see the caller's). Otherwise 403 (the list lists no 404); malformed ids and addresses are 400;
 * - `name` keeps the sets of that name, `endpointPath` the sets holding that path (a template such as
 *   /api/atlas/v2/groups/{groupId}/clusters); repeating them is not supported (the last value counts);
 * - the preview version is past its sunset (2026-04-21): 410 VERSION_GONE.
 */

import { ENDPOINT_SETS, type EndpointSet, type EndpointSetScope } from './endpoint-sets.ts';
import { AtlasError, notFound } from './errors.ts';
import { PREVIEW, V2025_03_12 } from './media.ts';
import {
  API_PREFIX,
  type Caller,
  entity,
  type Operation,
  type OperationContext,
  pathParam,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { invalidQueryParameter } from './query.ts';
import { OBJECT_ID } from './validation.ts';

const IP_ADDRESS =
  /^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)(\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/;

function forbidden(detail: string): AtlasError {
  return new AtlasError(403, 'USER_CANNOT_ACCESS_ENTITY', detail);
}

function callerId(caller: Caller): string | undefined {
  if (caller.kind === 'digest') return caller.publicKey;
  if (caller.kind === 'bearer') return caller.clientId;
  return undefined;
}

/** The scopes the entity parameters keep, after checking each entity is the caller's. */
function requestedScopes(context: OperationContext): EndpointSetScope[] {
  const { query, world } = context;
  const scopes: EndpointSetScope[] = [];
  const { groupId, orgId, userId, ipAddress } = query;
  if (groupId !== undefined) {
    if (!OBJECT_ID.test(groupId)) throw invalidQueryParameter('groupId', 'must be 24 hex digits.');
    if (!world.projects.has(groupId)) throw forbidden(`No access to project ${groupId}.`);
    scopes.push('GROUP');
  }
  if (orgId !== undefined) {
    if (!OBJECT_ID.test(orgId)) throw invalidQueryParameter('orgId', 'must be 24 hex digits.');
    const orgIds = new Set([...world.projects.values()].map((project) => project.orgId));
    if (!orgIds.has(orgId)) throw forbidden(`No access to organization ${orgId}.`);
    scopes.push('ORGANIZATION');
  }
  if (userId !== undefined) {
    const caller = callerId(context.caller);
    if (caller !== undefined && caller !== userId)
      throw forbidden('userId must name the calling user.');
    scopes.push('USER');
  }
  if (ipAddress !== undefined) {
    if (!IP_ADDRESS.test(ipAddress))
      throw invalidQueryParameter('ipAddress', 'must be an IPv4 or IPv6 address.');
    scopes.push('IP');
  }
  return scopes;
}

function refuseGoneVersion(context: OperationContext): void {
  if (context.mediaType === PREVIEW)
    throw new AtlasError(
      410,
      'VERSION_GONE',
      'This resource has been sunset and is no longer available.',
    );
}

function renderSet(set: EndpointSet, context: OperationContext) {
  const limits = context.behaviour.bucketLimits(set.id) ?? set;
  return {
    endpointSetId: set.id,
    endpointSetName: set.name,
    scope: set.scope,
    endpoints: set.endpoints,
    capacity: { value: limits.capacity },
    refillRate: { value: limits.refillRate },
    refillDurationSeconds: { value: limits.refillDurationSeconds },
  };
}

const common = { method: 'GET', mediaTypes: [V2025_03_12, PREVIEW] } as const;

export const rateLimitOperations: Operation[] = [
  {
    ...common,
    operationId: 'listRateLimits',
    path: `${API_PREFIX}/rateLimits`,
    handle: (context) => {
      refuseGoneVersion(context);
      const scopes = requestedScopes(context);
      const { name, endpointPath } = context.query;
      const sets = ENDPOINT_SETS.filter(
        (set) =>
          scopes.every((scope) => scope === set.scope) &&
          (name === undefined || set.name === name) &&
          (endpointPath === undefined ||
            set.endpoints.some((endpoint) => endpoint.path === endpointPath)),
      );
      return paginate(context, sets, (set) => renderSet(set, context));
    },
  },
  {
    ...common,
    operationId: 'getRateLimit',
    path: `${API_PREFIX}/rateLimits/{endpointSetId}`,
    handle: (context) => {
      refuseGoneVersion(context);
      requestedScopes(context);
      const id = pathParam(context, 'endpointSetId');
      const set = ENDPOINT_SETS.find((candidate) => candidate.id === id);
      if (!set)
        throw notFound('ENDPOINT_SET_NOT_FOUND', `No endpoint set with ID ${id} exists.`, id);
      return entity(renderSet(set, context));
    },
  },
];
