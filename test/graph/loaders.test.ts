import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const group = `/groups/${SEED.projectId}`;
const p = SEED.projectId;

describe('per-operation loaders', () => {
  it('make identical requests once across aliases and fragments', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
        a: pipeline(name: "${SEED.pipelines.small}") { name ...Runs }
        b: pipeline(name: "${SEED.pipelines.small}") { state ...Runs }
      } }
      fragment Runs on Pipeline { runs(first: 3) { nodes { atlasId } } again: runs(first: 3) { nodes { state } } }`,
      { p },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.a.runs.nodes).toHaveLength(3);
    expect(calls(h.upstream())).toEqual([
      `GET ${group}/pipelines/${SEED.pipelines.small}`,
      `GET ${group}/pipelines/${SEED.pipelines.small}/runs?pageNum=1&itemsPerPage=3&includeCount=false`,
    ]);
  });

  it('merge windows on one collection requested together into the fewest aligned pages', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.big}") {
        a: runs(first: 20) { nodes { atlasId } }
        b: runs(first: 5) { nodes { atlasId } }
        c: runs(first: 30) { nodes { atlasId } }
      } } }`,
      { p },
    );
    const pipeline = body.data!.project.pipeline;
    expect(pipeline.b.nodes).toEqual(pipeline.a.nodes.slice(0, 5));
    expect(pipeline.c.nodes.slice(0, 20)).toEqual(pipeline.a.nodes);
    expect(calls(h.upstream()).slice(1)).toEqual([
      `GET ${group}/pipelines/${SEED.pipelines.big}/runs?pageNum=1&itemsPerPage=30&includeCount=false`,
    ]);
  });

  it('let a list prime by-id lookups made after it arrives', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") {
        runs(first: 3) { nodes { atlasId pipeline { name run(id: "${SEED.runs.smallNewest}") { state } } } }
      } } }`,
      { p },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipeline.runs.nodes[0].pipeline.run.state).toBe('DONE');
    // The run lookup and each run's pipeline come from the list and the by-name GET: no further call.
    expect(calls(h.upstream())).toHaveLength(2);

    h.resetUpstream();
    const jobs = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${SEED.clusters.replicaSet}") {
        exportJobs(first: 2) { nodes { cluster { exportJob(id: "${SEED.exportJobs.newest}") { state } } } }
      } } }`,
      { p },
    );
    expect(jobs.body.errors).toBeUndefined();
    expect(calls(h.upstream())).toEqual([
      `GET ${group}/clusters/${SEED.clusters.replicaSet}/backup/exports?pageNum=1&itemsPerPage=2&includeCount=false`,
    ]);
  });

  it('answer pipelines by name from the pipeline list when it is already under way', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
        one: pipeline(name: "${SEED.pipelines.paused}") { state }
        pipelines(first: 1) { nodes { name } }
        missing: pipeline(name: "no-such-pipeline") { state }
      } }`,
      { p },
    );
    expect(body.data!.project.one).toEqual({ state: 'PAUSED' });
    expect(body.data!.project.missing).toBeNull();
    expect(body.errors).toBeUndefined();
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines`]);
  });

  it('never share data between operations: each one refetches', async () => {
    const query = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } } }`;
    await h.graphql(query, { p });
    await h.graphql(query, { p });
    expect(calls(h.upstream())).toHaveLength(2);
  });
});
