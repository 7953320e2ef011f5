import { type AtlasCluster, clusters } from '../../atlas/clusters.ts';
import { type AtlasFlexCluster, flexClusters } from '../../atlas/flex-clusters.ts';
import { listPipelines } from '../../atlas/pipelines.ts';
import { type AtlasProject, getProject, PROJECTS_PATH, projects } from '../../atlas/projects.ts';
import {
  type AtlasServerlessInstance,
  serverlessInstances,
} from '../../atlas/serverless-instances.ts';
import { userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import {
  PIPELINES_DEPRECATION,
  SERVERLESS_DEPRECATION,
  SERVERLESS_INSTANCES_DEPRECATION,
} from '../lib/deprecations.ts';
import { isClusterName, isPipelineName } from '../lib/patterns.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { loadPipeline } from '../loaders/lookups.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { connectionArgs, connectionType, resolveConnection } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { arraySource, collectionSource } from '../relay/connection-sources.ts';
import { collectionKey } from '../relay/cursor.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { ClusterConnection } from './cluster.ts';
import { FlexClusterConnection } from './flex-cluster.ts';
import { PipelineConnection } from './pipeline.ts';
import {
  ClusterRef,
  FlexClusterRef,
  PipelineRef,
  ProjectRef,
  ServerlessInstanceRef,
} from './refs.ts';
import { ServerlessInstanceConnection } from './serverless-instance.ts';
import {
  clusterShape,
  flexClusterShape,
  listedName,
  type ProjectShape,
  pipelineShape,
  projectShape,
  serverlessInstanceShape,
} from './shapes.ts';

/** The project as Atlas describes it: one GET, none when `projects` of this operation listed it. */
const described = (project: ProjectShape, context: GraphContext) =>
  context.loaders.requests.load<AtlasProject>(getProject(project.groupId));

ProjectRef.implement({
  description:
    'An Atlas project (a "group" upstream). Built from its id alone: an unknown project is NOT_FOUND on the first field that reads Atlas.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ProjectShape).kind === 'Project',
  fields: (t) => ({
    atlasId: t.expose('groupId', { type: 'ObjectId', nullable: false }),
    name: t.string({
      resolve: async (project, _, context) => (await described(project, context)).name ?? null,
    }),
    orgId: t.field({
      type: 'ObjectId',
      description: 'The organization the project belongs to.',
      resolve: async (project, _, context) => (await described(project, context)).orgId ?? null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      resolve: async (project, _, context) => (await described(project, context)).created ?? null,
    }),
    clusterCount: t.int({
      description: 'How many clusters the project holds, as Atlas counts them.',
      resolve: async (project, _, context) =>
        (await described(project, context)).clusterCount ?? null,
    }),
    clusters: connectionField(t, {
      type: ClusterConnection,
      description: "The project's dedicated clusters, in Atlas's order.",
      list: (project) => clusters(project.groupId),
      node: (raw: AtlasCluster, project) =>
        clusterShape(project.groupId, listedName(raw, 'cluster')),
    }),
    flexClusters: connectionField(t, {
      type: FlexClusterConnection,
      description: "The project's Flex clusters, in Atlas's order.",
      list: (project) => flexClusters(project.groupId),
      node: (raw: AtlasFlexCluster, project) =>
        flexClusterShape(project.groupId, listedName(raw, 'Flex cluster')),
    }),
    serverlessInstances: connectionField(t, {
      type: ServerlessInstanceConnection,
      deprecationReason: SERVERLESS_INSTANCES_DEPRECATION,
      description: `The project's serverless instances, in Atlas's order. ${SERVERLESS_INSTANCES_DEPRECATION}`,
      list: (project) => serverlessInstances(project.groupId),
      node: (raw: AtlasServerlessInstance, project) =>
        serverlessInstanceShape(project.groupId, listedName(raw, 'serverless instance')),
    }),
    pipelines: connectionField(t, {
      type: PipelineConnection,
      deprecationReason: PIPELINES_DEPRECATION,
      description: `The project's Data Lake Pipelines, in creation order. ${PIPELINES_DEPRECATION}`,
      list: (project, _, context) =>
        arraySource(
          collectionKey({
            groupId: project.groupId,
            path: listPipelines(project.groupId).path,
            filters: {},
          }),
          () => context.loaders.pipelines.list(project.groupId),
        ),
      node: (raw, project) => pipelineShape(project.groupId, raw),
    }),
    pipeline: t.field({
      type: PipelineRef,
      deprecationReason: PIPELINES_DEPRECATION,
      description: `One pipeline by name; null when it does not exist. ${PIPELINES_DEPRECATION}`,
      args: { name: t.arg.string({ required: true }) },
      resolve: async (project, { name }, context) => {
        if (!isPipelineName(name))
          throw userInputError(`"${name}" is not a valid pipeline name.`, 'name');
        return loadPipeline(context, project.groupId, name);
      },
    }),
    cluster: t.field({
      type: ClusterRef,
      nullable: false,
      description: 'A cluster by name (no upstream call until one of its lists is read).',
      args: { name: t.arg.string({ required: true }) },
      resolve: (project, { name }) => {
        if (!isClusterName(name))
          throw userInputError(`"${name}" is not a valid cluster name.`, 'name');
        return clusterShape(project.groupId, name);
      },
    }),
    serverlessInstance: t.field({
      type: ServerlessInstanceRef,
      nullable: false,
      deprecationReason: SERVERLESS_DEPRECATION,
      description: `A serverless instance by name. ${SERVERLESS_DEPRECATION}`,
      args: { name: t.arg.string({ required: true }) },
      resolve: (project, { name }) => {
        if (!isClusterName(name))
          throw userInputError(`"${name}" is not a valid serverless instance name.`, 'name');
        return serverlessInstanceShape(project.groupId, name);
      },
    }),
    flexCluster: t.field({
      type: FlexClusterRef,
      nullable: false,
      description: 'A Flex cluster by name, the successor of serverless instances.',
      args: { name: t.arg.string({ required: true }) },
      resolve: (project, { name }) => {
        if (!isClusterName(name))
          throw userInputError(`"${name}" is not a valid Flex cluster name.`, 'name');
        return flexClusterShape(project.groupId, name);
      },
    }),
  }),
});

registerRefetch('Project', async (id) => projectShape(id.groupId));

const ProjectConnection = connectionType('Project', ProjectRef);

/**
 * A caller limited to listed projects (AUTH_MODE=jwt) sees those, in its claim's order, paged here:
 * Atlas's own list would name projects the caller may not know of, so it is never asked.
 */
const listedProjects = (listed: ReadonlySet<string>) =>
  arraySource<AtlasProject>(
    collectionKey({ groupId: '', path: PROJECTS_PATH, filters: { scope: 'claim' } }),
    async () => [...listed].map((id) => ({ id })),
  );

builder.queryFields((t) => ({
  projects: t.field({
    type: ProjectConnection,
    nullable: false,
    description:
      "The projects the caller may use: with AUTH_MODE=jwt those of its claim, in that order, without asking Atlas; otherwise every project the credential sees, in Atlas's order.",
    args: connectionArgs(t.arg),
    resolve: (_, args, context, info) => {
      const access = context.caller.projects;
      const source =
        access.kind === 'listed'
          ? listedProjects(access.projects)
          : collectionSource<AtlasProject>(projects(), context);
      return resolveConnection(args, info, source, (raw) =>
        projectShape(upstreamId(raw.id, 'a project')),
      );
    },
  }),
  project: t.field({
    type: ProjectRef,
    nullable: false,
    description: 'An Atlas project by its id. Makes no upstream call by itself.',
    args: { id: t.arg({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }) },
    resolve: (_, { id }) => projectShape(id),
  }),
}));
