import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * A by-key load waits for a list of its collection started in the same operation, instead of racing it
 * with its own GET (design section 14, "Siblings share work in flight").
 */
const h = useHarness();

const P = SEED.projectId;
const GROUP = `/groups/${P}`;
const CLUSTER = SEED.clusters.replicaSet;
const PIPELINE = SEED.pipelines.small;

async function newest(query: string, pick: (data: any) => { id: string; atlasId: string }) {
  const { body } = await h.graphql(query);
  h.resetUpstream();
  return pick(body.data);
}

const newestRun = () =>
  newest(
    `{ project(id: "${P}") { pipeline(name: "${PIPELINE}") { runs(first: 1) { nodes { id atlasId } } } } }`,
    (data) => data.project.pipeline.runs.nodes[0],
  );

describe('by-key loads beside a list of their collection', () => {
  it('node(id) of an export job beside the cluster exportJobs list costs only the list', async () => {
    const job = await newest(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(first: 1) { nodes { id atlasId } } } } }`,
      (data) => data.project.cluster.exportJobs.nodes[0],
    );
    const { body } = await h.graphql(
      `query($id: ID!) {
        node(id: $id) { ... on ExportJob { atlasId } }
        project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(first: 5) { nodes { atlasId } } } }
      }`,
      { id: job.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toEqual({ atlasId: job.atlasId });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/clusters/${CLUSTER}/backup/exports?pageNum=1&itemsPerPage=5&includeCount=false`,
    ]);
  });

  it('run(id) beside the runs list of the same pipeline costs only the list', async () => {
    const run = await newestRun();
    const { body } = await h.graphql(
      `{ project(id: "${P}") { pipeline(name: "${PIPELINE}") {
          run(id: "${run.atlasId}") { atlasId }
          runs(first: 3) { nodes { atlasId } }
      } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipeline.run).toEqual({ atlasId: run.atlasId });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/pipelines/${PIPELINE}`,
      `GET ${GROUP}/pipelines/${PIPELINE}/runs?pageNum=1&itemsPerPage=3&includeCount=false`,
    ]);
  });

  it('a run the list does not hold is still fetched by itself, after the list', async () => {
    const { body } = await h.graphql(
      `{ project(id: "${P}") { pipeline(name: "${PIPELINE}") {
          run(id: "${SEED.runs.smallOldest}") { atlasId }
          runs(first: 1) { nodes { atlasId } }
      } } }`,
    );
    expect(body.data!.project.pipeline.run).toEqual({ atlasId: SEED.runs.smallOldest });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/pipelines/${PIPELINE}`,
      `GET ${GROUP}/pipelines/${PIPELINE}/runs?pageNum=1&itemsPerPage=1&includeCount=false`,
      `GET ${GROUP}/pipelines/${PIPELINE}/runs/${SEED.runs.smallOldest}`,
    ]);
  });

  it('node(id) of a run beside pipeline(name) { runs } waits for the pipeline, then for its runs list', async () => {
    const run = await newestRun();
    const { body } = await h.graphql(
      `query($id: ID!) {
        node(id: $id) { ... on PipelineRun { atlasId } }
        project(id: "${P}") { pipeline(name: "${PIPELINE}") { runs(first: 3) { nodes { atlasId } } } }
      }`,
      { id: run.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toEqual({ atlasId: run.atlasId });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/pipelines/${PIPELINE}`,
      `GET ${GROUP}/pipelines/${PIPELINE}/runs?pageNum=1&itemsPerPage=3&includeCount=false`,
    ]);
  });

  it('node(id) of a run beside the pipelines list and their runs costs only the lists', async () => {
    const run = await newestRun();
    const { body } = await h.graphql(
      `query($id: ID!) {
        node(id: $id) { ... on PipelineRun { atlasId } }
        project(id: "${P}") { pipelines { nodes { name runs(first: 2) { nodes { atlasId } } } } }
      }`,
      { id: run.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toEqual({ atlasId: run.atlasId });
    const made = calls(h.upstream());
    expect(made).not.toContain(`GET ${GROUP}/pipelines/${PIPELINE}/runs/${run.atlasId}`);
    expect(made[0]).toBe(`GET ${GROUP}/pipelines`);
    expect(
      made
        .slice(1)
        .every((call) => /\/pipelines\/[^/]+\/runs\?pageNum=1&itemsPerPage=2&/.test(call)),
    ).toBe(true);
    expect(made).toHaveLength(1 + body.data!.project.pipelines.nodes.length);
  });

  it('a run beside a read of its pipeline that starts no runs list is fetched by itself', async () => {
    const { body } = await h.graphql(
      `query($id: ID!) {
        node(id: $id) { ... on PipelineRun { atlasId } }
        project(id: "${P}") { pipeline(name: "${PIPELINE}") { state } }
      }`,
      { id: encodeGlobalId('PipelineRun', P, PIPELINE, SEED.runs.smallOldest) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toEqual({ atlasId: SEED.runs.smallOldest });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/pipelines/${PIPELINE}`,
      `GET ${GROUP}/pipelines/${PIPELINE}/runs/${SEED.runs.smallOldest}`,
    ]);
  });
});
