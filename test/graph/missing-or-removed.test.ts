import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * A missing object is not a removed route (design section 14): Atlas's generic RESOURCE_NOT_FOUND on a
 * by-key lookup is a null (mutations: NotFoundError); UPSTREAM_GONE needs the family's list route to
 * answer 404 too, a check made at most once per credential, project and family. The tests run in order:
 * what one check learned is remembered by the gateway for the next ones.
 */
const h = useHarness();

const P = SEED.projectId;
const EMPTY = SEED.emptyProjectId;
const GROUP = `/groups/${P}`;
const SERVERLESS = SEED.serverless.main;
const MISSING_ID = 'cccccccccccccccccccccccc';
const resourceNotFound = (operationId: string) => ({
  operationId,
  status: 404,
  body: {
    error: 404,
    errorCode: 'RESOURCE_NOT_FOUND',
    detail: 'Cannot find resource.',
    reason: 'Not Found',
  },
});

describe('a missing object of a deprecated family', () => {
  it('is null, after one check that the family still answers its list route', async () => {
    h.simulator.injectFault(resourceNotFound('getGroupPipeline'));
    const { body } = await h.graphql(
      `{ project(id: "${P}") { pipeline(name: "ghost") { name } } }`,
    );
    expect(body).toEqual({ data: { project: { pipeline: null } } });
    expect(calls(h.upstream())).toEqual([`GET ${GROUP}/pipelines/ghost`, `GET ${GROUP}/pipelines`]);
  });

  it('costs no second check: the answer is remembered for the credential, project and family', async () => {
    h.simulator.injectFault(resourceNotFound('getGroupPipelineRun'));
    const { body } = await h.graphql(
      `{ project(id: "${P}") { pipeline(name: "${SEED.pipelines.small}") { run(id: "${MISSING_ID}") { atlasId } } } }`,
    );
    expect(body).toEqual({ data: { project: { pipeline: { run: null } } } });
    expect(calls(h.upstream())).toEqual([
      `GET ${GROUP}/pipelines/${SEED.pipelines.small}`,
      `GET ${GROUP}/pipelines/${SEED.pipelines.small}/runs/${MISSING_ID}`,
    ]);
  });

  it('is null for a serverless restore job, checked with the smallest page of its list', async () => {
    h.simulator.injectFault(resourceNotFound('getGroupServerlessBackupRestoreJob'));
    const { body } = await h.graphql(
      `{ project(id: "${P}") { serverlessInstance(name: "${SERVERLESS}") { restoreJob(id: "${MISSING_ID}") { status } } } }`,
    );
    expect(body).toEqual({ data: { project: { serverlessInstance: { restoreJob: null } } } });
    const jobs = `${GROUP}/serverless/${SERVERLESS}/backup/restoreJobs`;
    expect(calls(h.upstream())).toEqual([
      `GET ${jobs}/${MISSING_ID}`,
      `GET ${jobs}?pageNum=1&itemsPerPage=1&includeCount=false`,
    ]);
  });

  it('is NotFoundError for a mutation on a missing pipeline, whatever errorCode Atlas uses', async () => {
    h.simulator.injectFault(resourceNotFound('pauseGroupPipeline'));
    const { body } = await h.graphql(
      `mutation($input: PipelineActionInput!) { pausePipeline(input: $input) { __typename ... on MutationError { atlas { status errorCode } } } }`,
      { input: { projectId: P, pipelineName: 'ghost' } },
    );
    expect(body.data!.pausePipeline).toEqual({
      __typename: 'NotFoundError',
      atlas: { status: 404, errorCode: 'RESOURCE_NOT_FOUND' },
    });
    expect(calls(h.upstream())).toEqual([`POST ${GROUP}/pipelines/ghost/pause`]);
  });
});

describe('a removed route family', () => {
  it('is UPSTREAM_GONE once its list route answers 404 for the project, and remembered', async () => {
    h.simulator.setGone('pipelines', 404);
    const query = (name: string) =>
      h.graphql(`{ project(id: "${EMPTY}") { pipeline(name: "${name}") { name } } }`);
    const first = await query('gone-a');
    expect(first.body.errors).toMatchObject([
      {
        path: ['project', 'pipeline'],
        extensions: { code: 'UPSTREAM_GONE', atlas: { status: 404 } },
      },
    ]);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${EMPTY}/pipelines/gone-a`,
      `GET /groups/${EMPTY}/pipelines`,
    ]);
    h.resetUpstream();
    const second = await query('gone-b');
    expect(second.body.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_GONE' } }]);
    expect(calls(h.upstream())).toEqual([`GET /groups/${EMPTY}/pipelines/gone-b`]);
  });

  it('answers a list read of a removed family from its own 404, without a check', async () => {
    h.simulator.setGone('serverless', 404);
    const { body } = await h.graphql(
      `{ project(id: "${EMPTY}") { serverlessInstances { nodes { name } } } }`,
    );
    expect(body.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_GONE' } }]);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${EMPTY}/serverless?pageNum=1&itemsPerPage=20&includeCount=false`,
    ]);
  });
});
