import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const CREATE = /* GraphQL */ `
  mutation CreateExport($input: CreateExportJobInput!) {
    createExportJob(input: $input) {
      __typename
      ... on CreateExportJobSuccess {
        exportJob { id atlasId state snapshotId exportBucketId customData { key value } snapshot { atlasId status } }
        cluster { name exportJobs(first: 1) { nodes { atlasId } } }
      }
      ... on MutationError { message atlas { status errorCode detail } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const input = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  clusterName: SEED.clusters.replicaSet,
  snapshotId: SEED.snapshots.exportFree,
  exportBucketId: SEED.exportBuckets.aws,
  ...overrides,
});
const exportsPath = `/groups/${SEED.projectId}/clusters/${SEED.clusters.replicaSet}/backup/exports`;

describe('createExportJob', () => {
  it('posts the job once and answers it with its snapshot; the cluster list read after it starts with it', async () => {
    const { body } = await h.graphql(CREATE, {
      input: input({ customData: [{ key: 'team', value: 'bi' }] }),
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.createExportJob;
    expect(result).toMatchObject({
      __typename: 'CreateExportJobSuccess',
      exportJob: {
        state: 'QUEUED',
        snapshotId: SEED.snapshots.exportFree,
        exportBucketId: SEED.exportBuckets.aws,
        customData: [{ key: 'team', value: 'bi' }],
        snapshot: { atlasId: SEED.snapshots.exportFree, status: 'COMPLETED' },
      },
      cluster: { name: SEED.clusters.replicaSet },
    });
    expect(result.cluster.exportJobs.nodes[0].atlasId).toBe(result.exportJob.atlasId);
    const post = h.upstream().filter((r) => r.method === 'POST');
    expect(calls(post)).toEqual([`POST ${exportsPath}`]);
    expect(post[0]!.body).toEqual({
      snapshotId: SEED.snapshots.exportFree,
      exportBucketId: SEED.exportBuckets.aws,
      customData: [{ key: 'team', value: 'bi' }],
    });
  });

  it('sends no customData when none is given, and refuses a bad cluster name before any call', async () => {
    const bad = await h.graphql(CREATE, { input: input({ clusterName: 'no_underscores' }) });
    expect(bad.body.data!.createExportJob).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'clusterName'] }],
    });
    expect(h.upstream()).toEqual([]);
    await h.graphql(CREATE, { input: input() });
    expect(h.upstream().find((r) => r.method === 'POST')!.body).toEqual({
      snapshotId: SEED.snapshots.exportFree,
      exportBucketId: SEED.exportBuckets.aws,
    });
  });

  it('answers an export already running as ConflictError, unknown buckets and snapshots as NotFoundError', async () => {
    const busy = await h.graphql(CREATE, {
      input: input({ snapshotId: SEED.snapshots.exportBusy }),
    });
    expect(busy.body.data!.createExportJob).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409, errorCode: 'BACKUP_EXPORT_ALREADY_IN_PROGRESS' },
    });
    const bucket = await h.graphql(CREATE, {
      input: input({ exportBucketId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
    });
    expect(bucket.body.data!.createExportJob).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'EXPORT_BUCKET_NOT_FOUND' },
    });
    const snapshot = await h.graphql(CREATE, {
      input: input({ snapshotId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
    });
    expect(snapshot.body.data!.createExportJob).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'SNAPSHOT_NOT_FOUND' },
    });
  });

  it('never retries the POST after a connection reset', async () => {
    h.simulator.injectFault({ operationId: 'createGroupClusterBackupExport', reset: true });
    const { body } = await h.graphql(CREATE, { input: input() });
    expect(body.data!.createExportJob).toMatchObject({ __typename: 'UpstreamError', atlas: null });
    expect(calls(h.upstream())).toEqual([`POST ${exportsPath}`]);
  });
});
