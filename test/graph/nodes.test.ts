import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const group = `/groups/${SEED.projectId}`;
const serverlessJobs = SEED.serverlessRestoreJobs as Record<string, string>;
const flexJobs = SEED.flexRestoreJobs as Record<string, string>;

/** Global IDs of one object of every Node type, read through the graph. */
async function globalIds() {
  const { body } = await h.graphql(
    `query($p: ObjectId!) { project(id: $p) {
      id
      pipeline(name: "${SEED.pipelines.special}") { id }
      small: pipeline(name: "${SEED.pipelines.small}") { id run(id: "${SEED.runs.smallNewest}") { id } }
      cluster(name: "${SEED.clusters.replicaSet}") { exportJob(id: "${SEED.exportJobs.newest}") { id } }
      serverlessInstance(name: "${SEED.serverless.main}") { restoreJob(id: "${serverlessJobs.failed}") { id } }
      flexCluster(name: "${SEED.flex.main}") { restoreJob(id: "${flexJobs.queued}") { id } }
    } }`,
    { p: SEED.projectId },
  );
  expect(body.errors).toBeUndefined();
  const project = body.data!.project;
  return {
    project: project.id as string,
    pipeline: project.pipeline.id as string,
    small: project.small.id as string,
    run: project.small.run.id as string,
    exportJob: project.cluster.exportJob.id as string,
    serverlessJob: project.serverlessInstance.restoreJob.id as string,
    flexJob: project.flexCluster.restoreJob.id as string,
  };
}

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Project { atlasId }
  ... on Pipeline { name }
  ... on PipelineRun { atlasId pipeline { name } }
  ... on ExportJob { atlasId cluster { name } }
  ... on RestoreJob { atlasId status }
} }`;

describe('node(id)', () => {
  it('refetches every type with at most one GET, and names in IDs need no escaping', async () => {
    const ids = await globalIds();
    const expectations: [string, string, Record<string, unknown>, string[]][] = [
      [ids.project, 'Project', { atlasId: SEED.projectId }, []],
      [
        ids.pipeline,
        'Pipeline',
        { name: SEED.pipelines.special },
        [`GET ${group}/pipelines/${encodeURIComponent(SEED.pipelines.special)}`],
      ],
      [
        ids.exportJob,
        'ExportJob',
        { atlasId: SEED.exportJobs.newest, cluster: { name: SEED.clusters.replicaSet } },
        [
          `GET ${group}/clusters/${SEED.clusters.replicaSet}/backup/exports/${SEED.exportJobs.newest}`,
        ],
      ],
      [
        ids.serverlessJob,
        'ServerlessRestoreJob',
        { status: 'FAILED' },
        [
          `GET ${group}/serverless/${SEED.serverless.main}/backup/restoreJobs/${serverlessJobs.failed}`,
        ],
      ],
      [
        ids.flexJob,
        'FlexRestoreJob',
        { status: 'QUEUED' },
        [`GET ${group}/flexClusters/${SEED.flex.main}/backup/restoreJobs/${flexJobs.queued}`],
      ],
    ];
    for (const [id, typename, fields, expectedCalls] of expectations) {
      h.resetUpstream();
      const { body } = await h.graphql(NODE, { id });
      expect(body.errors).toBeUndefined();
      expect(body.data!.node).toMatchObject({ __typename: typename, id, ...fields });
      expect(calls(h.upstream())).toEqual(expectedCalls);
    }
    h.resetUpstream();
    const run = await h.graphql(NODE, { id: ids.run });
    expect(run.body.data!.node).toMatchObject({
      __typename: 'PipelineRun',
      atlasId: SEED.runs.smallNewest,
      pipeline: { name: SEED.pipelines.small },
    });
    expect(calls(h.upstream())).toEqual([
      `GET ${group}/pipelines/${SEED.pipelines.small}/runs/${SEED.runs.smallNewest}`,
      `GET ${group}/pipelines/${SEED.pipelines.small}`,
    ]);
  });

  it('is null without an error for an object gone upstream', async () => {
    const ids = await globalIds();
    const { body } = await h.graphql(
      `{ node(id: "${reencode(ids.exportJob, (v) => v.with(-1, 'aaaaaaaaaaaaaaaaaaaaaaaa'))}") { id } }`,
    );
    expect(body).toEqual({ data: { node: null } });
  });

  const malformed: [string, string][] = [
    ['not base64url', '$$$'],
    ['truncated', 'WzEsIlBpcGVsaW5l'],
    [
      'padded',
      `${Buffer.from(JSON.stringify([1, 'Project', SEED.projectId])).toString('base64url')}=`,
    ],
    [
      'an unknown version',
      Buffer.from(JSON.stringify([2, 'Project', SEED.projectId])).toString('base64url'),
    ],
    [
      'an unknown type',
      Buffer.from(JSON.stringify([1, 'Organization', SEED.projectId, 'Cluster0'])).toString(
        'base64url',
      ),
    ],
    [
      'a wrong arity',
      Buffer.from(JSON.stringify([1, 'Pipeline', SEED.projectId])).toString('base64url'),
    ],
    [
      'a key breaking its pattern',
      Buffer.from(JSON.stringify([1, 'Pipeline', SEED.projectId, 'a/b'])).toString('base64url'),
    ],
    [
      'a dot-dot pipeline name',
      Buffer.from(JSON.stringify([1, 'Pipeline', SEED.projectId, '..'])).toString('base64url'),
    ],
    [
      'an upper-case project id',
      Buffer.from(JSON.stringify([1, 'Project', SEED.projectId.toUpperCase()])).toString(
        'base64url',
      ),
    ],
  ];
  it.each(malformed)('refuses %s as BAD_USER_INPUT before any upstream call', async (_, id) => {
    const { body } = await h.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    // Refused before execution (src/plugins/argument-checks.ts): no data at all.
    expect(body.data).toBeUndefined();
    expect(body.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
    expect(h.upstream()).toEqual([]);
  });
});

describe('nodes(ids)', () => {
  it('refuses a malformed item before any upstream call, naming its index', async () => {
    const ids = await globalIds();
    h.resetUpstream();
    const { body } = await h.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [ids.project, 'garbage', ids.exportJob],
    });
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'ids.1' },
    });
    expect(h.upstream()).toEqual([]);
  });

  it('resolves several pipelines of one project with the single list call', async () => {
    const ids = await globalIds();
    h.resetUpstream();
    const { body } = await h.graphql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Pipeline { name } } }`,
      {
        ids: [ids.pipeline, ids.small],
      },
    );
    expect(body.data!.nodes).toEqual([
      { name: SEED.pipelines.special },
      { name: SEED.pipelines.small },
    ]);
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines`]);
  });

  it('refuses more than 100 ids', async () => {
    const { body } = await h.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array(101).fill('x'),
    });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    expect(h.upstream()).toEqual([]);
  });
});

function reencode(id: string, change: (value: unknown[]) => unknown[]): string {
  return Buffer.from(
    JSON.stringify(change(JSON.parse(Buffer.from(id, 'base64url').toString()))),
  ).toString('base64url');
}
