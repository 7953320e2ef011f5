import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01 } from './media-types.ts';
import { groupPath, isObjectId } from './paths.ts';
import type { AtlasRequest } from './request.ts';

/** Group, as listGroups and getGroup answer it. */
export interface AtlasProject {
  id?: string;
  name?: string;
  orgId?: string;
  clusterCount?: number;
  created?: string;
  tags?: { key?: string; value?: string }[];
  withDefaultAlertsSettings?: boolean;
  regionUsageRestrictions?: string;
}

export const PROJECTS_PATH = '/api/atlas/v2/groups';

export const getProject = (groupId: string): AtlasRequest => ({
  operation: 'getGroup',
  method: 'GET',
  path: groupPath(groupId),
  accept: ATLAS_2023_01_01,
});

/** Every project the credential can see; it names no project, so its cursors key on none. */
export const projects = (): Collection => ({
  operation: 'listGroups',
  groupId: '',
  path: PROJECTS_PATH,
  accept: ATLAS_2023_01_01,
  filters: {},
  itemRequest: (project) => (isObjectId(project.id) ? getProject(project.id) : undefined),
});
