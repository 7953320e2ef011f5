import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { subscribe } from '../support/sse.ts';

/** docs/graph.md (Watches): a subscriber whose forwarded token stops working gets UNAUTHENTICATED, and the stream ends. */
const ACCOUNT = { clientId: 'mdb_sa_id_watch', clientSecret: 'mdb_sa_sk_watch-secret' };
const basic = `Basic ${Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString('base64')}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // A run that takes a minute: it is still running when the token is revoked.
    simulator: { serviceAccount: ACCOUNT, runDurationMs: 60_000 },
    env: { AUTH_MODE: 'forward', RUN_POLL_INITIAL_MS: '50', RUN_POLL_MAX_MS: '100' },
  });
});
afterAll(() => h.close());

const oauth = (path: string, form: Record<string, string>) =>
  fetch(`${h.simulator.url}${path}`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('pipelineRunUpdated with a forwarded token', () => {
  it('ends with an UNAUTHENTICATED error event once Atlas refuses the token', async () => {
    const token = (
      (await (await oauth('/api/oauth/token', { grant_type: 'client_credentials' })).json()) as {
        access_token: string;
      }
    ).access_token;
    const asCaller = { authorization: `Bearer ${token}` };
    const triggered = await h.graphql(
      `mutation($input: TriggerPipelineRunInput!) { triggerPipelineRun(input: $input) { ... on TriggerPipelineRunSuccess { run { id } } } }`,
      {
        input: {
          projectId: SEED.projectId,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
      asCaller,
    );
    const runId = triggered.body.data!.triggerPipelineRun.run.id;

    const stream = await subscribe(
      h.gateway.url,
      `subscription($id: ID!) { pipelineRunUpdated(id: $id) { state } }`,
      { id: runId },
      asCaller,
    );
    await stream.waitFor(1);
    expect(stream.events[0]!.data.data.pipelineRunUpdated.state).toBe('PENDING');

    await oauth('/api/oauth/revoke', { token, token_type_hint: 'access_token' });
    await stream.ended;
    const [errorEvent, end] = stream.events.slice(-2);
    expect(errorEvent!.data.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(errorEvent)).not.toContain(token);
    expect(end!.event).toBe('complete');
  });
});
