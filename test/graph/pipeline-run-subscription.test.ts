import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { JWT_ENV, signToken } from '../security/tokens.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { runPath, triggerRun as triggerRunOn, WATCH_RUN } from '../support/pipeline-runs.ts';
import { eventually, expectBackedOff } from '../support/polling.ts';
import { useHarness } from '../support/shared-harness.ts';
import { payloads, subscribe } from '../support/sse.ts';

const INITIAL_MS = 25;
const MAX_MS = 100;

const h = useHarness({
  simulator: { runDurationMs: 1_200 },
  env: { RUN_POLL_INITIAL_MS: String(INITIAL_MS), RUN_POLL_MAX_MS: String(MAX_MS) },
});

const WATCH = WATCH_RUN;
const triggerRun = (on: Harness = h, headers: Record<string, string> = {}) =>
  triggerRunOn(on, headers);
const polls = (runId: string, pipeline?: string) =>
  h.upstream().filter((r) => r.method === 'GET' && r.path === runPath(runId, pipeline));

const ORDER = [
  'PENDING/SNAPSHOT',
  'IN_PROGRESS/SNAPSHOT',
  'IN_PROGRESS/EXPORT',
  'IN_PROGRESS/INGESTION',
  'DONE/INGESTION',
];

describe('pipelineRunUpdated', () => {
  it('sends the run as it is now, then each change, and completes at DONE', async () => {
    const run = await triggerRun();
    const stream = await subscribe(h.gateway.url, WATCH, { id: run.id });
    await stream.ended;
    const runs = payloads(stream.events).map((p) => p.data.pipelineRunUpdated);
    expect(payloads(stream.events).every((p) => p.errors === undefined)).toBe(true);
    expect(stream.events.at(-1)!.event).toBe('complete');
    expect(runs[0]).toMatchObject({ id: run.id, atlasId: run.atlasId });
    expect(runs.at(-1)).toMatchObject({
      state: 'DONE',
      phase: 'INGESTION',
      stats: { bytesExported: expect.any(Number) },
    });
    // Every event is a change, in the order Atlas moves a run.
    const steps = runs.map((r) => `${r.state}/${r.phase}`);
    const distinct = runs.map((r) => JSON.stringify([r.state, r.phase, r.stats]));
    expect(new Set(distinct).size).toBe(distinct.length);
    expect(steps.map((step) => ORDER.indexOf(step))).toEqual(
      [...steps.map((step) => ORDER.indexOf(step))].sort((a, b) => a - b),
    );
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // Polling stopped with the stream.
    const count = polls(run.atlasId).length;
    await new Promise((resolve) => setTimeout(resolve, 4 * MAX_MS));
    expect(polls(run.atlasId)).toHaveLength(count);
  });

  it('completes at FAILED', async () => {
    h.simulator.failNextTriggeredRuns(1);
    const run = await triggerRun();
    const stream = await subscribe(h.gateway.url, WATCH, { id: run.id });
    await stream.ended;
    expect(payloads(stream.events).at(-1).data.pipelineRunUpdated).toMatchObject({
      state: 'FAILED',
      phase: 'EXPORT',
    });
    expect(stream.events.at(-1)!.event).toBe('complete');
  });

  it('serves two clients watching one run from one upstream poll stream', async () => {
    const run = await triggerRun();
    const first = await subscribe(h.gateway.url, WATCH, { id: run.id });
    await first.waitFor(1);
    const second = await subscribe(h.gateway.url, WATCH, { id: run.id });
    await second.waitFor(1);
    await Promise.all([first.ended, second.ended]);

    const done = (events: typeof first.events) => payloads(events).at(-1).data.pipelineRunUpdated;
    expect(done(first.events)).toMatchObject({ state: 'DONE' });
    expect(done(second.events)).toEqual(done(first.events));
    // The second client's first event is the run as the shared poll last saw it, not a poll of its own.
    const seen = polls(run.atlasId);
    expect(new Set(seen.map((r) => r.headers['x-request-id']))).toEqual(
      new Set([expect.stringMatching(/^run-poll-/)]),
    );
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.startedAt).toBeGreaterThanOrEqual(seen[i - 1]!.endedAt);
  });

  it('backs off while nothing changes and stops polling when the last client leaves', async () => {
    const runId = SEED.runs.everyState.exporting!; // a seeded run that stays IN_PROGRESS
    const id = encodeGlobalId('PipelineRun', SEED.projectId, SEED.pipelines.everyState, runId);
    const first = await subscribe(h.gateway.url, WATCH, { id });
    const second = await subscribe(h.gateway.url, WATCH, { id });
    await Promise.all([first.waitFor(1), second.waitFor(1)]);
    await eventually(() => polls(runId, SEED.pipelines.everyState).length >= 7);

    const starts = polls(runId, SEED.pipelines.everyState).map((r) => r.startedAt);
    expectBackedOff(starts, INITIAL_MS, MAX_MS);
    expect(payloads(first.events)).toHaveLength(1);

    first.close();
    const afterFirst = polls(runId, SEED.pipelines.everyState).length;
    await eventually(() => polls(runId, SEED.pipelines.everyState).length >= afterFirst + 2);
    second.close();
    // A poll under way when the client left may still land; after that, none comes.
    await new Promise((resolve) => setTimeout(resolve, 3 * MAX_MS));
    const settled = polls(runId, SEED.pipelines.everyState).length;
    await new Promise((resolve) => setTimeout(resolve, 5 * MAX_MS));
    expect(polls(runId, SEED.pipelines.everyState)).toHaveLength(settled);
  });

  it("refuses an ID that is not a run's before any call", async () => {
    const pipelineId = encodeGlobalId('Pipeline', SEED.projectId, SEED.pipelines.small);
    const stream = await subscribe(h.gateway.url, WATCH, { id: pipelineId });
    await stream.ended;
    expect(payloads(stream.events)[0].errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(h.upstream()).toEqual([]);
  });

  it('ends with an error event when the run does not exist', async () => {
    const id = encodeGlobalId(
      'PipelineRun',
      SEED.projectId,
      SEED.pipelines.small,
      'aaaaaaaaaaaaaaaaaaaaaaaa',
    );
    const stream = await subscribe(h.gateway.url, WATCH, { id });
    await stream.ended;
    const [event] = payloads(stream.events);
    expect(event.data).toBeNull();
    expect(event.errors[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      atlas: { errorCode: 'PIPELINE_RUN_NOT_FOUND' },
    });
    expect(stream.events.at(-1)!.event).toBe('complete');
  });
});

describe('pipelineRunUpdated past the operation deadline', () => {
  it('resolves fields that call Atlas in events long after the subscription began', async () => {
    const deadlineMs = 300;
    const short = await startHarness({
      simulator: { runDurationMs: 1_200 },
      env: {
        UPSTREAM_DEADLINE_MS: String(deadlineMs),
        RUN_POLL_INITIAL_MS: String(INITIAL_MS),
        RUN_POLL_MAX_MS: String(MAX_MS),
      },
    });
    try {
      const run = await triggerRun(short);
      const started = Date.now();
      // Each event reads the run's pipeline afresh: one more upstream call per event.
      const stream = await subscribe(
        short.gateway.url,
        'subscription($id: ID!) { pipelineRunUpdated(id: $id) { state pipeline { name } } }',
        {
          id: run.id,
        },
      );
      await stream.ended;
      const events = payloads(stream.events);
      expect(Date.now() - started).toBeGreaterThan(3 * deadlineMs);
      expect(events.map((event) => event.errors)).toEqual(events.map(() => undefined));
      expect(events.at(-1)!.data.pipelineRunUpdated).toEqual({
        state: 'DONE',
        pipeline: { name: SEED.pipelines.small },
      });
    } finally {
      await short.close();
    }
  });
});

describe('pipelineRunUpdated with a subscriber that stops reading', () => {
  it('keeps serving the others and the process, however many changes pile up', async () => {
    // A poll every millisecond of a run whose stats change all along (from 40% of its duration on): the
    // reader stops once more changes than a repeater queues (1,024) have passed. The run lasts long enough
    // for that at a few dozen polls a second, so a busy machine slows the test rather than failing it.
    const busy = await startHarness({
      simulator: { runDurationMs: 40_000 },
      env: {
        RUN_POLL_INITIAL_MS: '1',
        RUN_POLL_MAX_MS: '1',
        // Atlas's per-project rate limit would space the polls out: raised here, as in the bench.
        UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000000',
        UPSTREAM_PROJECT_BURST: '1000000',
      },
    });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const run = await triggerRun(busy);
      const { id } = run;
      // Large events fill the socket's buffers quickly once the client stops reading.
      const wide = `subscription($id: ID!) { pipelineRunUpdated(id: $id) { ${Array.from({ length: 100 }, (_, i) => `a${i}: id`).join(' ')} stats { bytesExported } } }`;
      const stalled = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        const req = httpRequest(
          `${busy.gateway.url}/graphql`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          },
          resolve,
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query: wide, variables: { id } }));
      });
      stalled.pause();
      const reader = await subscribe(
        busy.gateway.url,
        'subscription($id: ID!) { pipelineRunUpdated(id: $id) { stats { bytesExported } } }',
        { id },
      );
      await reader.waitFor(1_101);
      reader.close();
      stalled.destroy();
      const events = payloads(reader.events);
      // More changes than a repeater queues for a subscriber that does not read (1,024).
      expect(events.length).toBeGreaterThan(1_100);
      expect(events.at(-1)!.data.pipelineRunUpdated.stats.bytesExported).toBeGreaterThan(0);
      expect(events.filter((event) => event.errors !== undefined)).toEqual([]);
      expect(rejections).toEqual([]);
      // Still serving.
      const again = await busy.graphql('query($p: ObjectId!) { project(id: $p) { atlasId } }', {
        p: SEED.projectId,
      });
      expect(again.body).toEqual({ data: { project: { atlasId: SEED.projectId } } });
    } finally {
      process.off('unhandledRejection', onRejection);
      await busy.close();
    }
  }, 120_000);
});

describe('pipelineRunUpdated for a JWT caller', () => {
  it('ends with UNAUTHENTICATED when the token expires, as the next request would be refused', async () => {
    const jwt = await startHarness({
      simulator: { runDurationMs: 60_000 },
      env: {
        ...JWT_ENV,
        RUN_POLL_INITIAL_MS: '25',
        RUN_POLL_MAX_MS: '100',
      },
    });
    try {
      // The verifier tolerates 30 s of clock skew: this token is accepted for about two more seconds.
      const token = await signToken({ projects: [SEED.projectId], expiresIn: -28 });
      const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
        .exp as number;
      const asCaller = { authorization: `Bearer ${token}` };
      const run = await triggerRun(jwt, asCaller);
      const stream = await subscribe(
        jwt.gateway.url,
        'subscription($id: ID!) { pipelineRunUpdated(id: $id) { state } }',
        { id: run.id },
        asCaller,
      );
      await stream.ended;
      const ended = Date.now();
      const events = payloads(stream.events);
      expect(events[0]!.data.pipelineRunUpdated).toEqual({ state: 'PENDING' });
      expect(events.at(-1)!.errors).toEqual([
        expect.objectContaining({
          message: 'The bearer token has expired.',
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      ]);
      expect(ended).toBeGreaterThanOrEqual((exp + 30) * 1000);
      expect(ended).toBeLessThan((exp + 30) * 1000 + 2_000);
      expect((await jwt.graphql('{ __typename }', undefined, asCaller)).status).toBe(401);
    } finally {
      await jwt.close();
    }
  }, 15_000);

  it('keeps streaming for a token that expires in a month (beyond what one timer can wait)', async () => {
    const jwt = await startHarness({
      simulator: { runDurationMs: 1_200 },
      env: {
        ...JWT_ENV,
        RUN_POLL_INITIAL_MS: '25',
        RUN_POLL_MAX_MS: '100',
      },
    });
    try {
      const asCaller = {
        authorization: `Bearer ${await signToken({ projects: [SEED.projectId], expiresIn: 30 * 24 * 3600 })}`,
      };
      const run = await triggerRun(jwt, asCaller);
      const stream = await subscribe(
        jwt.gateway.url,
        'subscription($id: ID!) { pipelineRunUpdated(id: $id) { state } }',
        { id: run.id },
        asCaller,
      );
      await stream.ended;
      const events = payloads(stream.events);
      expect(events.every((event) => event.errors === undefined)).toBe(true);
      expect(events.at(-1)!.data.pipelineRunUpdated).toEqual({ state: 'DONE' });
    } finally {
      await jwt.close();
    }
  }, 15_000);
});
