import { readFileSync, readdirSync } from 'node:fs';
import { OperationTypeNode, getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/global-id.ts';
import { SCHEMA_FILE, printedSchema } from '../../src/graph/print-schema.ts';
import { SEED } from '../../src/simulator/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { payloads, subscribe } from '../support/sse.ts';

const OPERATIONS_DIR = new URL('../../schema/operations/', import.meta.url);

describe('schema/schema.graphql', () => {
  it('is what the builder prints (run `npm run schema:print` after a schema change)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });
});

describe('schema/operations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const variables: Record<string, () => Promise<Record<string, unknown>>> = {
    ProjectDashboard: async () => ({ projectId: SEED.projectId }),
    PipelineRuns: async () => ({ projectId: SEED.projectId, pipelineName: SEED.pipelines.big, first: 10 }),
    ExportJobs: async () => ({ projectId: SEED.projectId, clusterName: SEED.clusters.sharded }),
    RestoreJobs: async () => ({ projectId: SEED.projectId, flexClusterName: SEED.flex.main, serverlessName: SEED.serverless.main }),
    TriggerPipelineRun: async () => ({
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.small, snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    }),
    CreatePipeline: async () => ({
      input: {
        projectId: SEED.projectId,
        name: 'example-pipeline',
        source: { type: 'ON_DEMAND_CPS', clusterName: SEED.clusters.replicaSet, databaseName: 'shop', collectionName: 'orders' },
        datasetRetentionPolicy: { units: 'WEEKS', value: 2 },
      },
    }),
    UpdatePipeline: async () => ({
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.everyState, datasetRetentionPolicy: { units: 'MONTHS', value: 3 } },
    }),
    DeletePipeline: async () => {
      const created = await h.graphql(
        `mutation { createPipeline(input: { projectId: "${SEED.projectId}", name: "example-to-delete", source: { type: ON_DEMAND_CPS, clusterName: "${SEED.clusters.replicaSet}", databaseName: "a", collectionName: "b" } }) { __typename } }`,
      );
      expect(created.body.data!.createPipeline.__typename).toBe('CreatePipelineSuccess');
      return { input: { projectId: SEED.projectId, pipelineName: 'example-to-delete' } };
    },
    PausePipeline: async () => ({ input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.noRuns } }),
    ResumePipeline: async () => ({ input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.paused } }),
    DeletePipelineRunDataset: async () => ({
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.small, runId: SEED.runs.smallNewest },
    }),
    CreateExportJob: async () => ({
      input: {
        projectId: SEED.projectId,
        clusterName: SEED.clusters.replicaSet,
        snapshotId: SEED.snapshots.exportFree,
        exportBucketId: SEED.exportBuckets.aws,
        customData: [{ key: 'ticket', value: 'OPS-1' }],
      },
    }),
    CreateServerlessRestoreJob: async () => ({
      input: {
        projectId: SEED.projectId,
        instanceName: SEED.serverless.main,
        deliveryType: 'AUTOMATED',
        snapshotId: SEED.snapshots.serverlessCompleted,
        targetProjectId: SEED.projectId,
        targetClusterName: SEED.clusters.sharded,
      },
    }),
    CreateFlexRestoreJob: async () => ({
      input: { projectId: SEED.projectId, flexClusterName: SEED.flex.main, snapshotId: SEED.snapshots.flexCompleted, targetDeploymentItemName: SEED.flex.main },
    }),
    // A finished run: the stream sends it once and completes.
    PipelineRunUpdated: async () => ({ id: encodeGlobalId('PipelineRun', SEED.projectId, SEED.pipelines.everyState, SEED.runs.everyState.done!) }),
    Node: async () => {
      const { body } = await h.graphql(`{ project(id: "${SEED.projectId}") { pipeline(name: "${SEED.pipelines.small}") { id } } }`);
      return { id: body.data!.project.pipeline.id };
    },
  };

  const files = readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'));

  it('has variables for every example operation', () => {
    expect(files.map((name) => name.replace('.graphql', '')).sort()).toEqual(Object.keys(variables).sort());
  });

  it.each(files)('%s runs against the simulator without errors', async (file) => {
    const document = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
    const name = file.replace('.graphql', '');
    const vars = await variables[name]!();
    // Subscriptions run over SSE, as clients send them: at least one event, none with errors, then the end.
    const results =
      getOperationAST(parse(document))?.operation === OperationTypeNode.SUBSCRIPTION
        ? await (async () => {
            const stream = await subscribe(h.gateway.url, document, vars);
            await stream.ended;
            expect(stream.events.at(-1)!.event).toBe('complete');
            return payloads(stream.events);
          })()
        : await h.graphql(document, vars).then(({ status, body }) => {
            expect(status).toBe(200);
            return [body];
          });
    expect(results.length).toBeGreaterThan(0);
    for (const body of results) {
      expect(body.errors).toBeUndefined();
      // A mutation example shows its success: no error member of its result union.
      expect(JSON.stringify(body.data)).not.toMatch(/"__typename":"(Validation|NotFound|Conflict|Forbidden|RateLimited|Upstream)Error"/);
      expect(body.data).toBeTruthy();
    }
  });
});
