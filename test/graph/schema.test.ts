import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE, printedSchema } from '../../src/graph/print-schema.ts';
import { SEED } from '../../src/simulator/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';

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
    const { status, body } = await h.graphql(document, await variables[name]!());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).not.toContain('"__typename":"ValidationError"');
    expect(body.data).toBeTruthy();
  });
});
