import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const group = `/groups/${SEED.projectId}`;
const encoded = (name: string) => encodeURIComponent(name);

const DASHBOARD = /* GraphQL */ `
  query Dashboard($projectId: ObjectId!) {
    project(id: $projectId) {
      pipelines(first: 5) {
        nodes {
          name
          runs(first: 3) { nodes { atlasId state } pageInfo { hasNextPage hasPreviousPage } }
        }
        pageInfo { hasNextPage }
      }
    }
  }
`;

describe('the project dashboard', () => {
  it('costs one pipeline list and one run list per pipeline, with the contract media type', async () => {
    const { body } = await h.graphql(DASHBOARD, { projectId: SEED.projectId });
    expect(body.errors).toBeUndefined();
    const pipelines = body.data!.project.pipelines;
    expect(pipelines.nodes.map((p: any) => p.name)).toEqual(SEED.pipelines.all.slice(0, 5));
    expect(pipelines.pageInfo.hasNextPage).toBe(true);
    expect(pipelines.nodes[0].runs.nodes).toHaveLength(3);
    expect(pipelines.nodes[0].runs.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });

    const upstream = h.upstream();
    expect(calls(upstream).sort()).toEqual(
      [
        `GET ${group}/pipelines`,
        ...SEED.pipelines.all
          .slice(0, 5)
          .map(
            (name) =>
              `GET ${group}/pipelines/${encoded(name)}/runs?pageNum=1&itemsPerPage=3&includeCount=false`,
          ),
      ].sort(),
    );
    for (const request of upstream)
      expect(request.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('runs independent calls concurrently: every run list starts before the first one ends', async () => {
    h.simulator.setLatency(150);
    try {
      const started = performance.now();
      const { body } = await h.graphql(DASHBOARD, { projectId: SEED.projectId });
      const elapsed = performance.now() - started;
      expect(body.errors).toBeUndefined();
      const runLists = h.upstream().filter((r) => r.path.endsWith('/runs'));
      expect(runLists).toHaveLength(5);
      const firstEnd = Math.min(...runLists.map((r) => r.endedAt));
      for (const request of runLists) expect(request.startedAt).toBeLessThan(firstEnd);
      // Two levels of dependency at 150 ms each; six calls one after another would take 900 ms.
      expect(elapsed).toBeLessThan(6 * 150);
    } finally {
      h.simulator.setLatency(0);
    }
  });
});
