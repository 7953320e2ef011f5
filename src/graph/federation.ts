import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import type { GraphContext } from './context.ts';
import { loadExportJob, ExportJobRef } from './export-job.ts';
import { OBJECT_ID, isClusterName, isPipelineName } from './patterns.ts';
import { PipelineRef, pipelineShape } from './pipeline.ts';
import { PipelineRunRef, loadRun } from './pipeline-run.ts';
import { ProjectRef } from './project.ts';
import { assertProjectAllowed } from './project-scope.ts';
import {
  FlexRestoreJobRef,
  ServerlessRestoreJobRef,
  loadFlexRestoreJob,
  loadServerlessRestoreJob,
} from './restore-job.ts';
import { projectShape } from './shapes.ts';
import { userInputError } from './user-input-error.ts';

/**
 * Apollo Federation v2: the schema is also a subgraph (`_service { sdl }`, `_entities`). Entity keys are
 * Atlas's natural identifiers, never our global IDs, so another subgraph can name our objects knowing only
 * Atlas: Project by `atlasId`; everything below a project by the path its upstream lookup takes
 * (the global IDs' keys in docs/graph.md, as fields). Keys sit on the concrete types, not on the `RestoreJob` interface (docs/federation.md).
 *
 * `_entities` resolves every representation through this operation's loaders, all in one tick: several
 * pipelines of one project cost the one list call, other objects one GET each, deduplicated and concurrent.
 * Each key's project passes the caller's project scope first, as `project(id)` does.
 * An object gone upstream is `null`; a representation whose key breaks a contract pattern is
 * BAD_USER_INPUT at its own `_entities` item, before any upstream call (every resolveReference is async,
 * so a refused key rejects its own item instead of throwing out of the whole `_entities` list).
 */

/** The federation spec version the SDL links: Pothos's default, which Apollo Federation 2.14 composes. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

const invalid = (type: string) =>
  userInputError(`The ${type} representation's key is not valid.`, 'representations');

/** Every representation names its project: the caller's project scope is checked here, before any call. */
function projectId(
  type: string,
  project: { atlasId: string } | undefined,
  context: GraphContext,
): string {
  const atlasId = project?.atlasId;
  if (typeof atlasId !== 'string' || !OBJECT_ID.test(atlasId)) throw invalid(type);
  assertProjectAllowed(context, atlasId);
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
  resolveReference: async (ref, context) => projectShape(projectId('Project', ref, context)),
});

builder.asEntity(PipelineRef, {
  key: builder.selection<{ project: { atlasId: string }; name: string }>(
    'project { atlasId } name',
  ),
  resolveReference: async (ref, context) => {
    const groupId = projectId('Pipeline', ref.project, context);
    const raw = await context.loaders.pipelines.load(groupId, pipelineName('Pipeline', ref.name));
    return raw && pipelineShape(groupId, raw);
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
      projectId('PipelineRun', ref.pipeline?.project, context),
      pipelineName('PipelineRun', ref.pipeline?.name),
      objectId('PipelineRun', ref.atlasId),
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
      projectId('ExportJob', ref.cluster?.project, context),
      clusterName('ExportJob', ref.cluster?.name),
      objectId('ExportJob', ref.atlasId),
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
      projectId('ServerlessRestoreJob', ref.serverlessInstance?.project, context),
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
      projectId('FlexRestoreJob', ref.flexCluster?.project, context),
      clusterName('FlexRestoreJob', ref.flexCluster?.name),
      objectId('FlexRestoreJob', ref.atlasId),
    ),
});

/**
 * Representations one `_entities` call may carry: a router asks for a page's worth at once, and each one
 * can cost an upstream call, so a caller cannot spend a project's whole upstream budget in one request.
 * Their number also multiplies the operation's cost (src/plugins/operation-cost.ts).
 */
export const MAX_ENTITIES = 500;

/** The served schema: the client API plus `_service` and `_entities`, sorted as the SDL is. */
export const buildSubgraphSchema = (): GraphQLSchema => {
  const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK });
  // Pothos generates `_entities`; its resolver is wrapped so that the cap holds before any representation resolves.
  const entities = schema.getQueryType()?.getFields()._entities;
  const resolve = entities?.resolve;
  if (entities && resolve) {
    entities.resolve = (source, args, context, info) => {
      const count = Array.isArray(args.representations) ? args.representations.length : 0;
      if (count > MAX_ENTITIES) {
        throw userInputError(
          `"representations" holds ${count} items; at most ${MAX_ENTITIES} are allowed.`,
          'representations',
        );
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
};
