import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { assertContractConformance, matchOperation } from './openapi.ts';

/**
 * docs/simulator.md: every request the gateway sends, and every answer it gets, is checked against the OpenAPI
 * subset, so a bug the gateway and the simulator share cannot hide.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const operationsDir = new URL('../../schema/operations/', import.meta.url);
const document = (name: string) => readFileSync(new URL(`${name}.graphql`, operationsDir), 'utf8');

describe('the gateway speaks the contract', () => {
  it('sends only requests the contract allows, over a broad set of operations', async () => {
    const p = SEED.projectId;
    const run = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await h.graphql(query, variables);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data!;
    };
    await run(document('ProjectDashboard'), { projectId: p });
    const page = await run(document('PipelineRuns'), {
      projectId: p,
      pipelineName: SEED.pipelines.big,
      first: 500,
    });
    const cursor = (page.project as any).pipeline.runs.pageInfo.endCursor;
    await run(document('PipelineRuns'), {
      projectId: p,
      pipelineName: SEED.pipelines.big,
      first: 500,
      after: cursor,
    });
    await run(document('PipelineRuns'), {
      projectId: p,
      pipelineName: SEED.pipelines.big,
      last: 7,
    });
    await run(document('PipelineRuns'), {
      projectId: p,
      pipelineName: SEED.pipelines.special,
      createdBefore: '2025-05-01T00:00:00Z',
    });
    await run(document('ExportJobs'), { projectId: p, clusterName: SEED.clusters.sharded });
    await run(document('ExportJobs'), {
      projectId: p,
      clusterName: SEED.clusters.replicaSet,
      first: 500,
    });
    await run(document('RestoreJobs'), {
      projectId: p,
      flexClusterName: SEED.flex.main,
      serverlessName: SEED.serverless.main,
    });
    await run(document('ProjectClusters'), { projectId: p, first: 3 });
    await run(document('ClusterBackups'), { projectId: p, clusterName: SEED.clusters.replicaSet });
    await run(document('CreateClusterRestoreJob'), {
      input: {
        projectId: p,
        clusterName: SEED.clusters.replicaSet,
        deliveryType: 'DOWNLOAD',
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    });
    await run('{ projects(first: 2) { nodes { name } } }', {});
    await run(document('TriggerPipelineRun'), {
      input: {
        projectId: p,
        pipelineName: SEED.pipelines.small,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        datasetRetentionPolicy: { units: 'DAYS', value: 3 },
      },
    });
    await run(
      `query($p: ObjectId!) { project(id: $p) {
        pipeline(name: "${SEED.pipelines.small}") { run(id: "${SEED.runs.smallNewest}") { state } }
        cluster(name: "${SEED.clusters.replicaSet}") { exportJob(id: "${SEED.exportJobs.failed}") { state } }
        serverlessInstance(name: "${SEED.serverless.main}") { restoreJob(id: "${(SEED.serverlessRestoreJobs as any).download}") { status } }
        flexCluster(name: "${SEED.flex.main}") { restoreJob(id: "${(SEED.flexRestoreJobs as any).pending}") { status } }
      } }`,
      { p },
    );

    const sent = h.upstream();
    const covered = new Set(sent.map((r) => matchOperation(r.method, r.path)?.operationId));
    expect([...covered].sort()).toEqual(
      [
        'listGroups',
        'getGroup',
        'listGroupClusters',
        'listGroupFlexClusters',
        'getGroupCluster',
        'getGroupClusterBackupSchedule',
        'listGroupClusterBackupSnapshots',
        'listGroupClusterBackupRestoreJobs',
        'createGroupClusterBackupRestoreJob',
        'getGroupClusterBackupExport',
        'getGroupFlexClusterBackupRestoreJob',
        'getGroupPipeline',
        'getGroupPipelineRun',
        'getGroupServerlessBackupRestoreJob',
        'listGroupClusterBackupExports',
        'listGroupFlexClusterBackupRestoreJobs',
        'listGroupPipelineRuns',
        'listGroupPipelines',
        'listGroupServerlessBackupRestoreJobs',
        'triggerGroupPipeline',
      ].sort(),
    );
    assertContractConformance(sent);
  });
});
