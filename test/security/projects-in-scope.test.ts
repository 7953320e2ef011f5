import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECTS_PATH } from '../../src/atlas/projects.ts';
import { assertRequestAllowed } from '../../src/graph/project-scope.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { JWT_ENV, signToken } from './tokens.ts';

const A = SEED.projectId;
const B = SEED.neighbourProjectId;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: JWT_ENV });
});
afterAll(() => h.close());
beforeEach(() => h.resetUpstream());

describe('Query.projects with AUTH_MODE=jwt', () => {
  it("lists the claim's projects in claim order and never asks Atlas for the others", async () => {
    const token = await signToken({ projects: [B, A] });
    const { body } = await h.graphql(
      '{ projects { totalCount nodes { atlasId name clusterCount } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.projects.totalCount).toBe(2);
    expect(body.data!.projects.nodes.map((p: any) => p.atlasId)).toEqual([B, A]);
    expect(body.data!.projects.nodes[1].clusterCount).toBe(SEED.clusters.all.length);
    // One getGroup per project, concurrently; never listGroups.
    expect(calls(h.upstream()).sort()).toEqual([`GET /groups/${A}`, `GET /groups/${B}`].sort());
  });

  it('pages over the claim: ids alone cost nothing', async () => {
    const token = await signToken({ projects: [A, B] });
    const headers = { authorization: `Bearer ${token}` };
    const first = await h.graphql(
      '{ projects(first: 1) { pageInfo { hasNextPage endCursor } nodes { atlasId } } }',
      {},
      headers,
    );
    expect(first.body.data!.projects.nodes).toEqual([{ atlasId: A }]);
    expect(first.body.data!.projects.pageInfo.hasNextPage).toBe(true);
    const second = await h.graphql(
      'query($after: String) { projects(first: 1, after: $after) { pageInfo { hasNextPage } nodes { atlasId } } }',
      { after: first.body.data!.projects.pageInfo.endCursor },
      headers,
    );
    expect(second.body.data!.projects).toEqual({
      pageInfo: { hasNextPage: false },
      nodes: [{ atlasId: B }],
    });
    expect(h.upstream()).toEqual([]);
  });
});

describe('the net under the rule', () => {
  it('refuses listGroups for a caller limited to listed projects, and lets it through otherwise', () => {
    const listed = { kind: 'listed', projects: new Set([A]) } as const;
    expect(() => assertRequestAllowed(listed, { path: PROJECTS_PATH })).toThrow(/project/i);
    expect(() => assertRequestAllowed(listed, { path: `/api/atlas/v2/groups/${A}` })).not.toThrow();
    expect(() => assertRequestAllowed({ kind: 'any' }, { path: PROJECTS_PATH })).not.toThrow();
  });
});
