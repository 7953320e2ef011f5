import { listPipelines } from '../../atlas/pipelines.ts';
import { userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import { PIPELINES_DEPRECATION, SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { isClusterName, isPipelineName } from '../lib/patterns.ts';
import { loadPipeline } from '../loaders/lookups.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { connectionField } from '../relay/connection-field.ts';
import { arraySource } from '../relay/connection-sources.ts';
import { collectionKey } from '../relay/cursor.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { PipelineConnection } from './pipeline.ts';
import {
  ClusterRef,
  FlexClusterRef,
  PipelineRef,
  ProjectRef,
  ServerlessInstanceRef,
} from './refs.ts';
import {
  clusterShape,
  flexClusterShape,
  type ProjectShape,
  pipelineShape,
  projectShape,
  serverlessInstanceShape,
} from './shapes.ts';

ProjectRef.implement({
  description:
    'An Atlas project (a "group" upstream). Built from its id alone: an unknown project is NOT_FOUND on the first field that reads Atlas.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ProjectShape).kind === 'Project',
  fields: (t) => ({
    atlasId: t.expose('groupId', { type: 'ObjectId', nullable: false }),
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

builder.queryFields((t) => ({
  project: t.field({
    type: ProjectRef,
    nullable: false,
    description: 'An Atlas project by its id. Makes no upstream call by itself.',
    args: { id: t.arg({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }) },
    resolve: (_, { id }) => projectShape(id),
  }),
}));
