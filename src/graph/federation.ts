import { type GraphQLSchema, type GraphQLUnionType, getNamedType } from 'graphql';
import { userInputError } from '../errors/catalogue.ts';
import { builder } from './builder.ts';
import { answerItemByItem } from './lib/item-by-item.ts';
import { isClusterName, isPipelineName, OBJECT_ID } from './lib/patterns.ts';
import {
  loadCluster,
  loadClusterRestoreJob,
  loadClusterSnapshot,
  loadExportJob,
  loadFlexCluster,
  loadFlexRestoreJob,
  loadPipeline,
  loadRun,
  loadServerlessInstance,
  loadServerlessRestoreJob,
} from './loaders/lookups.ts';
import {
  ClusterRef,
  ClusterRestoreJobRef,
  ClusterSnapshotRef,
  ExportJobRef,
  FlexClusterRef,
  FlexRestoreJobRef,
  PipelineRef,
  PipelineRunRef,
  ProjectRef,
  ServerlessInstanceRef,
  ServerlessRestoreJobRef,
} from './types/refs.ts';
import { projectShape } from './types/shapes.ts';

/**
 * Apollo Federation v2: the schema is also a subgraph (`_service { sdl }`, `_entities`). Entity keys are
 * Atlas's natural identifiers, never our global IDs, so another subgraph can name our objects knowing only
 * Atlas: Project by `atlasId`; everything below a project by the path its upstream lookup takes
 * (the global IDs' keys in docs/graph.md, as fields). Keys sit on the concrete types, not on the `RestoreJob` interface (docs/federation.md).
 *
 * `_entities` resolves every representation through this operation's loaders, all in one tick: several
 * pipelines of one project cost the one list call, other objects one GET each, deduplicated and concurrent.
 * Each key's project passes the caller's project scope first (src/graph/project-scope.ts).
 * An object gone upstream is `null`; a representation whose key breaks a contract pattern is
 * BAD_USER_INPUT at its own `_entities` item, before any upstream call (every resolveReference is async,
 * so a refused key rejects its own item instead of throwing out of the whole `_entities` list).
 */

/** The federation spec version the SDL links: Pothos's default, which Apollo Federation 2.14 composes. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

const invalid = (type: string) =>
  userInputError(`The ${type} representation's key is not valid.`, 'representations');

/** Every representation names its project (the scope rule checked it before this resolver ran). */
function projectId(type: string, project: { atlasId: string } | undefined): string {
  const atlasId = project?.atlasId;
  if (typeof atlasId !== 'string' || !OBJECT_ID.test(atlasId)) throw invalid(type);
  return atlasId;
}
function clusterName(type: string, name: unknown): string {
  if (typeof name !== 'string' || !isClusterName(name)) throw invalid(type);
  return name;
}
function pipelineName(type: string, name: unknown): string {
  if (typeof name !== 'string' || !isPipelineName(name)) throw invalid(type);
  return name;
}
function objectId(type: string, id: unknown): string {
  if (typeof id !== 'string' || !OBJECT_ID.test(id)) throw invalid(type);
  return id;
}

builder.asEntity(ProjectRef, {
  key: builder.selection<{ atlasId: string }>('atlasId'),
  // Built from its key, as `project(id)` is: no upstream call.
  resolveReference: async (ref) => projectShape(projectId('Project', ref)),
});

builder.asEntity(PipelineRef, {
  key: builder.selection<{ project: { atlasId: string }; name: string }>(
    'project { atlasId } name',
  ),
  resolveReference: async (ref, context) => {
    const groupId = projectId('Pipeline', ref.project);
    return loadPipeline(context, groupId, pipelineName('Pipeline', ref.name));
  },
});

builder.asEntity(PipelineRunRef, {
  key: builder.selection<{
    pipeline: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('pipeline { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadRun(
      context,
      projectId('PipelineRun', ref.pipeline?.project),
      pipelineName('PipelineRun', ref.pipeline?.name),
      objectId('PipelineRun', ref.atlasId),
    ),
});

// Clusters and instances: one GET each (none when a list of this operation held them), null when gone.
const deploymentKey = builder.selection<{ project: { atlasId: string }; name: string }>(
  'project { atlasId } name',
);

builder.asEntity(ClusterRef, {
  key: deploymentKey,
  resolveReference: async (ref, context) =>
    loadCluster(context, projectId('Cluster', ref.project), clusterName('Cluster', ref.name)),
});

builder.asEntity(FlexClusterRef, {
  key: deploymentKey,
  resolveReference: async (ref, context) =>
    loadFlexCluster(
      context,
      projectId('FlexCluster', ref.project),
      clusterName('FlexCluster', ref.name),
    ),
});

builder.asEntity(ServerlessInstanceRef, {
  key: deploymentKey,
  resolveReference: async (ref, context) =>
    loadServerlessInstance(
      context,
      projectId('ServerlessInstance', ref.project),
      clusterName('ServerlessInstance', ref.name),
    ),
});

builder.asEntity(ExportJobRef, {
  key: builder.selection<{
    cluster: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('cluster { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadExportJob(
      context,
      projectId('ExportJob', ref.cluster?.project),
      clusterName('ExportJob', ref.cluster?.name),
      objectId('ExportJob', ref.atlasId),
    ),
});

builder.asEntity(ClusterSnapshotRef, {
  key: builder.selection<{
    cluster: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('cluster { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadClusterSnapshot(
      context,
      projectId('ClusterSnapshot', ref.cluster?.project),
      clusterName('ClusterSnapshot', ref.cluster?.name),
      objectId('ClusterSnapshot', ref.atlasId),
    ),
});

builder.asEntity(ServerlessRestoreJobRef, {
  key: builder.selection<{
    serverlessInstance: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('serverlessInstance { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadServerlessRestoreJob(
      context,
      projectId('ServerlessRestoreJob', ref.serverlessInstance?.project),
      clusterName('ServerlessRestoreJob', ref.serverlessInstance?.name),
      objectId('ServerlessRestoreJob', ref.atlasId),
    ),
});

builder.asEntity(FlexRestoreJobRef, {
  key: builder.selection<{
    flexCluster: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('flexCluster { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadFlexRestoreJob(
      context,
      projectId('FlexRestoreJob', ref.flexCluster?.project),
      clusterName('FlexRestoreJob', ref.flexCluster?.name),
      objectId('FlexRestoreJob', ref.atlasId),
    ),
});

builder.asEntity(ClusterRestoreJobRef, {
  key: builder.selection<{
    cluster: { project: { atlasId: string }; name: string };
    atlasId: string;
  }>('cluster { project { atlasId } name } atlasId'),
  resolveReference: async (ref, context) =>
    loadClusterRestoreJob(
      context,
      projectId('ClusterRestoreJob', ref.cluster?.project),
      clusterName('ClusterRestoreJob', ref.cluster?.name),
      objectId('ClusterRestoreJob', ref.atlasId),
    ),
});

/**
 * Representations one `_entities` call may carry: a router asks for a page's worth at once, and each one
 * can cost an upstream call, so a caller cannot spend a project's whole upstream budget in one request.
 * Their number also multiplies the operation's cost (src/plugins/operation-cost.ts).
 */
export const MAX_ENTITIES = 500;

/** A representation names one of our entity types as its own `__typename` (never `constructor`, `Query`, ...). */
const namesEntity = (representation: unknown, entityTypes: ReadonlySet<string>) =>
  typeof representation === 'object' &&
  representation !== null &&
  !Array.isArray(representation) &&
  Object.hasOwn(representation, '__typename') &&
  entityTypes.has((representation as { __typename: unknown }).__typename as string);

/**
 * The served schema: the client API plus `_service` and `_entities`, sorted as the SDL is. Pothos
 * generates `_entities`; its resolver is wrapped so that the cap holds before any representation
 * resolves, and so that each representation is judged on its own: one that names no entity type of
 * ours is BAD_USER_INPUT at its own index (the library would fail the whole list), and its siblings
 * resolve. Key fields and their patterns are checked by each type's resolveReference above.
 */
export const buildSubgraphSchema = (): GraphQLSchema => {
  const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK });
  const entities = schema.getQueryType()?.getFields()._entities;
  const resolve = entities?.resolve;
  if (!entities || !resolve) return schema;
  const entityUnion = getNamedType(entities.type) as GraphQLUnionType;
  const entityTypes = new Set(entityUnion.getTypes().map((type) => type.name));
  entities.resolve = (source, args, context, info) => {
    const representations = args.representations as unknown[];
    if (representations.length > MAX_ENTITIES) {
      throw userInputError(
        `"representations" holds ${representations.length} items; at most ${MAX_ENTITIES} are allowed.`,
        'representations',
      );
    }
    const refusals = representations.map((representation, i) =>
      namesEntity(representation, entityTypes)
        ? undefined
        : userInputError(
            `representations[${i}] must be an object whose __typename is one of: ${[...entityTypes].join(', ')}.`,
            `representations.${i}`,
          ),
    );
    if (!refusals.some(Boolean)) return resolve(source, args, context, info);
    const known = representations.filter((_, i) => !refusals[i]);
    return answerItemByItem(refusals, known, (items) =>
      resolve(source, { ...args, representations: items }, context, info),
    );
  };
  return schema;
};
