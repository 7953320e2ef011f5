import { listPipelines } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { PIPELINES_DEPRECATION, SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { connectionArgs, resolveConnection } from '../relay/connection.ts';
import { arraySource } from '../relay/connection-sources.ts';
import { collectionKey } from '../relay/cursor.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { isClusterName, isPipelineName } from '../lib/patterns.ts';
import { PipelineConnection, PipelineRef, pipelineShape } from './pipeline.ts';
import { ClusterRef } from './cluster.ts';
import { FlexClusterRef } from './flex-cluster.ts';
import { ServerlessInstanceRef } from './serverless-instance.ts';
import { projectShape, type ProjectShape } from './shapes.ts';
import { assertProjectAllowed } from '../project-scope.ts';
import { userInputError } from '../lib/user-input-error.ts';

export const ProjectRef = builder.objectRef<ProjectShape>('Project');

ProjectRef.implement({
  description:
    'An Atlas project (a "group" upstream). Built from its id alone: an unknown project is NOT_FOUND on the first field that reads Atlas.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ProjectShape).kind === 'Project',
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: (project) => project.groupId }),
    pipelines: t.field({
      type: PipelineConnection,
      nullable: false,
      deprecationReason: PIPELINES_DEPRECATION,
      description: `The project's Data Lake Pipelines, in creation order. ${PIPELINES_DEPRECATION}`,
      args: connectionArgs(t.arg),
      resolve: (project, args, context, info) => {
        const key = collectionKey({
          groupId: project.groupId,
          path: listPipelines(project.groupId).path,
          filters: {},
        });
        const source = arraySource(key, () => context.loaders.pipelines.list(project.groupId));
        return resolveConnection(args, info, source, (raw) => pipelineShape(project.groupId, raw));
      },
    }),
    pipeline: t.field({
      type: PipelineRef,
      deprecationReason: PIPELINES_DEPRECATION,
      description: `One pipeline by name; null when it does not exist. ${PIPELINES_DEPRECATION}`,
      args: { name: t.arg.string({ required: true }) },
      resolve: async (project, { name }, context) => {
        if (!isPipelineName(name))
          throw userInputError(`"${name}" is not a valid pipeline name.`, 'name');
        const raw = await context.loaders.pipelines.load(project.groupId, name);
        return raw && pipelineShape(project.groupId, raw);
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
        return { kind: 'Cluster' as const, groupId: project.groupId, name };
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
        return { kind: 'ServerlessInstance' as const, groupId: project.groupId, name };
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
        return { kind: 'FlexCluster' as const, groupId: project.groupId, name };
      },
    }),
  }),
});

registerRefetch('Project', async (id) => projectShape(id.groupId));

builder.queryFields((t) => ({
  project: t.field({
    type: ProjectRef,
    nullable: false,
    description: 'An Atlas project by its id. Makes no upstream call by itself.',
    args: { id: t.arg({ type: 'ObjectId', required: true }) },
    resolve: (_, { id }, context) => {
      assertProjectAllowed(context, id);
      return projectShape(id);
    },
  }),
}));
