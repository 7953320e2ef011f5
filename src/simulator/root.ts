/**
 * The root resource, GET /api/atlas/v2: Atlas's readiness probe. `apiKey` describes the calling
 * Digest API key and is null for service-account tokens and unauthenticated calls.
 */
import { V2023_01_01 } from './media.ts';
import { API_PREFIX, type Caller, entity, type Operation, selfLinks } from './operation.ts';
import type { World } from './store.ts';

/** The simulated API key's fixed id, and the org that owns every seeded project. */
export const API_KEY_ID = '5a11a5e00000000000000001';
const BUILD = 'atlas-simulator-2025.06.01';

function describeApiKey(world: World, caller: Caller) {
  if (caller.kind !== 'digest') return null;
  const projects = [...world.projects.values()];
  const orgIds = [...new Set(projects.map((project) => project.orgId))];
  return {
    id: API_KEY_ID,
    publicKey: caller.publicKey,
    roles: [
      ...orgIds.map((orgId) => ({ orgId, roleName: 'ORG_MEMBER' })),
      ...projects.map((project) => ({ groupId: project.id, roleName: 'GROUP_OWNER' })),
    ],
    accessList: [],
  };
}

export const rootOperations: Operation[] = [
  {
    operationId: 'getSystemStatus',
    method: 'GET',
    path: API_PREFIX,
    mediaTypes: [V2023_01_01],
    handle: (context) =>
      entity({
        appName: 'MongoDB Atlas',
        build: BUILD,
        throttling: false,
        apiKey: describeApiKey(context.world, context.caller),
        links: selfLinks(context.origin, API_PREFIX),
      }),
  },
];
