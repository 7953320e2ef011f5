import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/atlas/auth/create.ts';
import { CallDeadline, endCalls } from '../../src/atlas/call-deadline.ts';
import { AtlasClient } from '../../src/atlas/client.ts';
import { AtlasCallError } from '../../src/atlas/errors.ts';
import { createProjectLimiter } from '../../src/atlas/limiter.ts';
import type { CallScope, UpstreamCallRecord } from '../../src/atlas/request.ts';
import { createLogger } from '../../src/logger.ts';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';

/** An operation's calls at its end, through the real client and limiter, against the simulator. */
let simulator: Simulator | undefined;
let client: AtlasClient | undefined;
afterEach(async () => {
  await client?.close();
  await simulator?.close();
});

const group = `/api/atlas/v2/groups/${SEED.projectId}`;
const runsOf = (pipeline: string) => ({
  operation: 'listGroupPipelineRuns',
  method: 'GET' as const,
  path: `${group}/pipelines/${pipeline}/runs`,
  accept: 'application/vnd.atlas.2023-01-01+json',
});

describe('the end of an operation', () => {
  it('cancels its call in flight and never sends the one still queued for a slot', async () => {
    simulator = await startSimulator();
    simulator.injectFault({
      method: 'GET',
      path: `${group}/pipelines/${SEED.pipelines.small}/runs`,
      hang: true,
    });
    client = new AtlasClient({
      baseUrl: simulator.url,
      authenticator: createAuthenticator({ kind: 'none' }, undefined),
      logger: createLogger('silent'),
      connectTimeoutMs: 1_000,
      headersTimeoutMs: 20_000,
      bodyTimeoutMs: 20_000,
      maxRetries: 2,
      maxConnections: 4,
      // One call at a time for the project: the second waits for the first's slot.
      limiter: createProjectLimiter({ concurrency: 1, ratePerMinute: 1_000, burst: 1_000 }),
    });
    const records: UpstreamCallRecord[] = [];
    const deadline = Date.now() + 10_000;
    const scope: CallScope = {
      requestId: 'ending',
      deadline,
      callDeadline: new CallDeadline(deadline, undefined),
      onCall: (record) => records.push(record),
    };

    const inFlight = client
      .call(runsOf(SEED.pipelines.small), scope)
      .catch((error: unknown) => error);
    const queued = client.call(runsOf(SEED.pipelines.big), scope).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(simulator.requests.map((request) => request.path)).toEqual([
      `${group}/pipelines/${SEED.pipelines.small}/runs`,
    ]);

    const ended = Date.now();
    endCalls(scope);
    const [first, second] = await Promise.all([inFlight, queued]);
    expect(Date.now() - ended).toBeLessThan(1_000);
    expect(first).toBeInstanceOf(AtlasCallError);
    // The operation left the queued call (its only waiter), so the call was dropped from the queue.
    expect(second).toEqual(
      expect.objectContaining({
        code: 'UPSTREAM_UNAVAILABLE',
        message: expect.stringMatching(/was cancelled/),
      }),
    );
    // The queued call never reached Atlas; the one in flight is counted as cancelled, not as Atlas failing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(simulator.requests).toHaveLength(1);
    expect(records.map((record) => [record.path, record.status])).toEqual([
      [`${group}/pipelines/${SEED.pipelines.small}/runs`, 'cancelled'],
    ]);
  });
});
