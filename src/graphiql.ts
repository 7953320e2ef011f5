import { readdirSync, readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';
import { encodeGlobalId } from './graph/relay/global-id.ts';
import { SEED } from './simulator/seed.ts';

/**
 * GraphiQL on `GET /graphql` from a browser. Every asset (script, styles, fonts, editor workers, favicon)
 * comes from the gateway itself (src/plugins/graphiql-page.ts), so nothing is fetched from a CDN. The first tab
 * holds the default query; one more tab per operation of schema/operations/, with variables naming the
 * embedded simulator's seeded objects (against Atlas, put your own project id and names in).
 */

export const OPERATIONS_DIR = new URL('../schema/operations/', import.meta.url);

export const DEFAULT_QUERY = `# Atlas Graph over the embedded simulator.
# Run with ▶ or Ctrl-Enter; the other tabs hold more examples.
query Overview {
  project(id: "${SEED.projectId}") {
    atlasId
    pipelines(first: 5) {
      totalCount
      nodes {
        name
        state
        runs(first: 3) {
          nodes { state phase createdDate stats { numDocs } }
        }
      }
    }
  }
}
`;

/**
 * Variables for each example operation, by operation name: the simulator's seeded objects. Run in file
 * order, the tabs work one after another: `DeletePipeline` removes the pipeline `CreatePipeline` made.
 */
export const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  ClusterBackups: { projectId: SEED.projectId, clusterName: SEED.clusters.replicaSet },
  CreateClusterRestoreJob: {
    input: {
      projectId: SEED.projectId,
      clusterName: SEED.clusters.replicaSet,
      deliveryType: 'RESTORE',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      targetProjectId: SEED.projectId,
      targetClusterName: SEED.clusters.empty,
    },
  },
  // A completed snapshot: the stream sends it as it is and completes.
  ClusterSnapshotUpdated: {
    id: encodeGlobalId(
      'ClusterSnapshot',
      SEED.projectId,
      SEED.clusters.replicaSet,
      SEED.snapshots.replicaSetNewestAvailable,
    ),
  },
  CreateExportJob: {
    input: {
      projectId: SEED.projectId,
      clusterName: SEED.clusters.replicaSet,
      snapshotId: SEED.snapshots.exportFree,
      exportBucketId: SEED.exportBuckets.aws,
      customData: [{ key: 'ticket', value: 'OPS-1' }],
    },
  },
  CreateFlexRestoreJob: {
    input: {
      projectId: SEED.projectId,
      flexClusterName: SEED.flex.main,
      snapshotId: SEED.snapshots.flexCompleted,
      targetDeploymentItemName: SEED.flex.main,
    },
  },
  CreatePipeline: {
    input: {
      projectId: SEED.projectId,
      name: 'example-pipeline',
      source: {
        type: 'ON_DEMAND_CPS',
        clusterName: SEED.clusters.replicaSet,
        databaseName: 'shop',
        collectionName: 'orders',
      },
      datasetRetentionPolicy: { units: 'WEEKS', value: 2 },
    },
  },
  CreateServerlessRestoreJob: {
    input: {
      projectId: SEED.projectId,
      instanceName: SEED.serverless.main,
      deliveryType: 'AUTOMATED',
      snapshotId: SEED.snapshots.serverlessCompleted,
      targetProjectId: SEED.projectId,
      targetClusterName: SEED.clusters.sharded,
    },
  },
  DeletePipeline: { input: { projectId: SEED.projectId, pipelineName: 'example-pipeline' } },
  DeletePipelineRunDataset: {
    input: {
      projectId: SEED.projectId,
      pipelineName: SEED.pipelines.small,
      runId: SEED.runs.smallNewest,
    },
  },
  // A finished export: the stream sends it as it is and completes.
  ExportJobUpdated: {
    id: encodeGlobalId(
      'ExportJob',
      SEED.projectId,
      SEED.clusters.replicaSet,
      SEED.exportJobs.successful,
    ),
  },
  ExportJobs: { projectId: SEED.projectId, clusterName: SEED.clusters.sharded },
  ProjectClusters: { projectId: SEED.projectId },
  Node: { id: encodeGlobalId('Pipeline', SEED.projectId, SEED.pipelines.small) },
  PausePipeline: { input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.noRuns } },
  // A finished run: the stream sends it as it is and completes.
  PipelineRunUpdated: {
    id: encodeGlobalId(
      'PipelineRun',
      SEED.projectId,
      SEED.pipelines.everyState,
      SEED.runs.everyState.done!,
    ),
  },
  PipelineRuns: { projectId: SEED.projectId, pipelineName: SEED.pipelines.big, first: 10 },
  ProjectDashboard: { projectId: SEED.projectId },
  RestoreJobs: {
    projectId: SEED.projectId,
    flexClusterName: SEED.flex.main,
    serverlessName: SEED.serverless.main,
  },
  // A finished Flex restore: the stream sends it as it is and completes.
  RestoreJobUpdated: {
    id: encodeGlobalId(
      'FlexRestoreJob',
      SEED.projectId,
      SEED.flex.main,
      SEED.flexRestoreJobs.completed,
    ),
  },
  ResumePipeline: { input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.paused } },
  TriggerPipelineRun: {
    input: {
      projectId: SEED.projectId,
      pipelineName: SEED.pipelines.small,
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
    },
  },
  UpdatePipeline: {
    input: {
      projectId: SEED.projectId,
      pipelineName: SEED.pipelines.everyState,
      datasetRetentionPolicy: { units: 'MONTHS', value: 3 },
    },
  },
};

export interface ExampleOperation {
  name: string;
  document: string;
  variables: Record<string, unknown>;
}

/** The operations of schema/operations/, by file name, each with its example variables. */
export function exampleOperations(): ExampleOperation[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const document = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
      const name = getOperationAST(parse(document))?.name?.value ?? file.replace(/\.graphql$/, '');
      return { name, document, variables: EXAMPLE_VARIABLES[name] ?? {} };
    });
}

/** The options the page is rendered with; read once, when the page is first asked for. */
export function graphiqlOptions(): GraphiQLOptions {
  return {
    title: 'Atlas Graph',
    defaultQuery: DEFAULT_QUERY,
    defaultTabs: [
      { query: DEFAULT_QUERY },
      ...exampleOperations().map(({ document, variables }) => ({
        query: document,
        variables: JSON.stringify(variables, null, 2),
      })),
    ],
  };
}
