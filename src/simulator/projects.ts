/**
 * Projects (Atlas "groups"): listGroups lists every project of the world in creation order; getGroup
 * answers one. `clusterCount` counts the project's dedicated clusters, the ones listGroupClusters
 * lists (Flex clusters and serverless instances have operations of their own).
 */
import { V2023_01_01 } from './media.ts';
import {
  API_PREFIX,
  entity,
  isoDate,
  type Operation,
  type OperationContext,
  projectInContext,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import type { Project } from './store.ts';

const GROUPS = `${API_PREFIX}/groups`;

function renderGroup(context: OperationContext, project: Project) {
  return {
    id: project.id,
    name: project.name,
    orgId: project.orgId,
    created: isoDate(project.createdAt),
    clusterCount: project.clusters.size,
    tags: project.tags,
    withDefaultAlertsSettings: true,
    links: selfLinks(context.origin, `${GROUPS}/${project.id}`),
  };
}

export const projectOperations: Operation[] = [
  {
    operationId: 'listGroups',
    method: 'GET',
    path: GROUPS,
    mediaTypes: [V2023_01_01],
    handle: (context) =>
      paginate(context, [...context.world.projects.values()], (project) =>
        renderGroup(context, project),
      ),
  },
  {
    operationId: 'getGroup',
    method: 'GET',
    path: `${GROUPS}/{groupId}`,
    mediaTypes: [V2023_01_01],
    handle: (context) => entity(renderGroup(context, projectInContext(context))),
  },
];
