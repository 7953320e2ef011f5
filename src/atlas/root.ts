import { ATLAS_2023_01_01 } from './media-types.ts';
import type { AtlasRequest } from './request.ts';

/**
 * Atlas's root resource. Signed, it shows both that Atlas is reachable and that the credentials hold
 * (src/health.ts); unsigned, its 401 carries the Digest challenge (src/atlas/auth/create.ts).
 */
export const getSystemStatus: AtlasRequest = {
  operation: 'getSystemStatus',
  method: 'GET',
  path: '/api/atlas/v2',
  accept: ATLAS_2023_01_01,
};
