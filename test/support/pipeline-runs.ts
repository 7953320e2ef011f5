import { SEED } from '../../src/simulator/index.ts';
import type { Harness } from './harness.ts';

/** A subscription to a run's changes, as a screen watching it sends it. */
export const WATCH_RUN = /* GraphQL */ `
  subscription Watch($id: ID!) {
    pipelineRunUpdated(id: $id) { id atlasId state phase stats { bytesExported numDocs } }
  }
`;

/** Triggers a run of the small pipeline through the gateway, as `headers`' caller. */
export async function triggerRun(
  on: Harness,
  headers: Record<string, string> = {},
): Promise<{ id: string; atlasId: string }> {
  const { body } = await on.graphql(
    /* GraphQL */ `
      mutation Trigger($input: TriggerPipelineRunInput!) {
        triggerPipelineRun(input: $input) { ... on TriggerPipelineRunSuccess { run { id atlasId } } }
      }
    `,
    {
      input: {
        projectId: SEED.projectId,
        pipelineName: SEED.pipelines.small,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    },
    headers,
  );
  return body.data!.triggerPipelineRun.run;
}

/** The simulator's path of one run. */
export const runPath = (runId: string, pipeline: string = SEED.pipelines.small) =>
  `/api/atlas/v2/groups/${SEED.projectId}/pipelines/${pipeline}/runs/${runId}`;
