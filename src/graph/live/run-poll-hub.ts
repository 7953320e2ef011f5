import { randomUUID } from 'node:crypto';
import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Logger } from 'pino';
import { AtlasCallError } from '../../atlas/errors.ts';
import type { AtlasPipelineRun } from '../../atlas/pipelines.ts';
import type { CallScope } from '../../atlas/request.ts';
import type { RunPollCoordinator, SharedRunEvent } from './run-poll-coordinator.ts';

/** States a run never leaves: a watch ends there. */
export const TERMINAL_RUN_STATES: ReadonlySet<string> = new Set([
  'DONE',
  'FAILED',
  'DATASET_DELETED',
]);

/** Failures worth polling through (the next poll may succeed); any other ends the watch. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'RATE_LIMITED',
]);

export const POLL_GROWTH = 1.5;

/** The longest delay Node's timers take as given. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Events kept for a subscriber that reads slower than runs change; older ones are dropped. */
export const SUBSCRIBER_BUFFER = 16;

export interface RunPollOptions {
  /** First interval, and the interval again after each change. */
  initialMs: number;
  /** The interval grows by POLL_GROWTH per unchanged poll, up to this. */
  maxMs: number;
  /** Each poll's deadline for retries of the GET, from its start. */
  deadlineMs: number;
  logger: Logger;
  /** With several replicas (REDIS_URL): one of them polls each run and the others relay its events. */
  coordinator?: RunPollCoordinator;
}

/** When one subscriber's stream must end (its caller's token expires), and the error it ends with. */
export interface SubscriberExpiry {
  at: number;
  error: () => Error;
}

/** One event of a watch: the run as it now is, or why the watch ended. */
export type RunEvent = AtlasPipelineRun | Error;

/** The interval after a poll: back to the start on a change, else longer, up to the cap. */
export function nextPollInterval(
  current: number,
  changed: boolean,
  options: Pick<RunPollOptions, 'initialMs' | 'maxMs'>,
): number {
  return changed ? options.initialMs : Math.min(options.maxMs, Math.round(current * POLL_GROWTH));
}

/** What subscribers see change: the state, the phase and the stats. */
const fingerprint = (run: AtlasPipelineRun) =>
  JSON.stringify([run.state, run.phase, run.stats?.bytesExported, run.stats?.numDocs]);

interface Watch {
  key: string;
  poll: (scope: CallScope) => Promise<AtlasPipelineRun>;
  /** Sent upstream with every poll of this watch, so logs (and tests) tell one poll stream from another. */
  requestId: string;
  subscribers: Set<(event: RunEvent | null) => void>;
  latest: AtlasPipelineRun | undefined;
  seen: string | undefined;
  interval: number;
  timer: NodeJS.Timeout | undefined;
  ended: boolean;
  /** Stops relaying the coordinator's events for this run. */
  unlisten: (() => Promise<void>) | undefined;
}

/**
 * Live runs for `pipelineRunUpdated`: one upstream poll stream per watched (credential, run), however
 * many subscribers share it. The interval backs off while nothing changes and resets on a change;
 * polling stops at a terminal state or when the last subscriber leaves. With a coordinator, one replica
 * polls each run for all of them and the others relay what it publishes; a relay takes over when the
 * poller's lease lapses (it stopped, or its last subscriber left).
 */
export class RunPollHub {
  private readonly watches = new Map<string, Watch>();

  private readonly options: RunPollOptions;

  constructor(options: RunPollOptions) {
    this.options = options;
  }

  /**
   * The run's events for one subscriber: the run as it is now first, then each change; the stream ends
   * after a terminal state or an error event. `key` must name the credential and the run.
   */
  subscribe(key: string, poll: Watch['poll'], expiry?: SubscriberExpiry): Repeater<RunEvent> {
    // A subscriber that stops reading (its socket stalls) keeps only the latest events: the run as it
    // is now is what matters, and an unbounded queue would grow until the repeater throws.
    return new Repeater<RunEvent>(async (push, stop) => {
      const deliver = (event: RunEvent | null) => {
        if (event === null) stop();
        else void push(event).catch(() => undefined);
      };
      // Node fires a timer set beyond 2^31-1 ms (about 24.8 days) at once: a long wait is taken in steps.
      let expire: NodeJS.Timeout | undefined;
      const armExpiry = (at: number, error: () => Error) => {
        const left = at - Date.now();
        if (left <= 0) {
          deliver(error());
          deliver(null);
          return;
        }
        expire = setTimeout(() => armExpiry(at, error), Math.min(left, MAX_TIMER_MS));
      };
      if (expiry) armExpiry(expiry.at, expiry.error);
      this.join(key, poll, deliver);
      await stop;
      clearTimeout(expire);
      this.leave(key, deliver);
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  /** Watches polling now (for metrics and tests). */
  get size(): number {
    return this.watches.size;
  }

  private join(key: string, poll: Watch['poll'], deliver: (event: RunEvent | null) => void): void {
    const existing = this.watches.get(key);
    if (existing) {
      existing.subscribers.add(deliver);
      if (existing.latest) deliver(existing.latest);
      return;
    }
    const watch: Watch = {
      key,
      poll,
      requestId: `run-poll-${randomUUID()}`,
      subscribers: new Set([deliver]),
      latest: undefined,
      seen: undefined,
      interval: this.options.initialMs,
      timer: undefined,
      ended: false,
      unlisten: undefined,
    };
    this.watches.set(key, watch);
    const { coordinator } = this.options;
    if (coordinator) {
      coordinator
        .listen(key, (event) => this.relay(watch, event))
        .then((stop) => {
          if (watch.ended) stop();
          else watch.unlisten = stop;
        })
        .catch(() => undefined);
      coordinator
        .latest(key)
        .then((run) => run && !watch.ended && watch.seen === undefined && this.accept(watch, run))
        .catch(() => undefined);
    }
    this.schedule(watch, 0);
  }

  /** Polls after `ms`; whatever a poll throws ends its watch, never the process. */
  private schedule(watch: Watch, ms: number): void {
    const run = () =>
      this.tick(watch).catch((error: unknown) => {
        this.options.logger.error(
          { err: error, requestId: watch.requestId },
          'run poll failed unexpectedly; watch ended',
        );
        if (!watch.ended)
          this.fail(watch, error instanceof Error ? error : new Error(String(error)));
      });
    if (ms === 0) void run();
    else watch.timer = setTimeout(run, ms);
  }

  private leave(key: string, deliver: (event: RunEvent | null) => void): void {
    const watch = this.watches.get(key);
    if (!watch?.subscribers.delete(deliver) || watch.subscribers.size > 0) return;
    this.end(watch);
  }

  private end(watch: Watch): void {
    watch.ended = true;
    clearTimeout(watch.timer);
    if (this.watches.get(watch.key) === watch) this.watches.delete(watch.key);
    void watch.unlisten?.().catch(() => undefined);
    void this.options.coordinator?.release(watch.key).catch(() => undefined);
  }

  /** Takes a run in (polled here or relayed); true when it changed what subscribers see. */
  private accept(watch: Watch, run: AtlasPipelineRun): boolean {
    const seen = fingerprint(run);
    const changed = seen !== watch.seen;
    if (changed) {
      watch.seen = seen;
      watch.latest = run;
      this.broadcast(watch, run);
    }
    if (typeof run.state === 'string' && TERMINAL_RUN_STATES.has(run.state)) {
      this.broadcast(watch, null);
      this.end(watch);
    }
    return changed;
  }

  /** Ends the watch with an error event, for every subscriber. */
  private fail(watch: Watch, error: Error): void {
    this.broadcast(watch, error);
    this.broadcast(watch, null);
    this.end(watch);
  }

  /** An event the polling replica published. */
  private relay(watch: Watch, event: SharedRunEvent): void {
    if (watch.ended) return;
    if (event.kind === 'run') this.accept(watch, event.run);
    else if (event.kind === 'error')
      this.fail(watch, new AtlasCallError(event.code as AtlasCallError['code'], event.message));
    else {
      this.broadcast(watch, null);
      this.end(watch);
    }
  }

  private broadcast(watch: Watch, event: RunEvent | null): void {
    for (const deliver of watch.subscribers) deliver(event);
  }

  private async tick(watch: Watch): Promise<void> {
    const { coordinator } = this.options;
    // Without Redis (or while it is down) every replica polls for itself: slower never means stuck.
    if (coordinator && !(await coordinator.claim(watch.key).catch(() => true))) {
      if (!watch.ended) this.schedule(watch, coordinator.checkEveryMs);
      return;
    }
    if (watch.ended) return;
    let changed = false;
    try {
      const run = await watch.poll({
        requestId: watch.requestId,
        deadline: Date.now() + this.options.deadlineMs,
      });
      if (watch.ended) return;
      changed = this.accept(watch, run);
      if (changed)
        void coordinator?.publish(watch.key, { kind: 'run', run }).catch(() => undefined);
      if (watch.ended) return;
    } catch (error) {
      if (watch.ended) return;
      const code = error instanceof AtlasCallError ? error.code : undefined;
      if (code === undefined || !TRANSIENT_CODES.has(code)) {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (code)
          void coordinator
            ?.publish(watch.key, { kind: 'error', code, message: failure.message })
            .catch(() => undefined);
        this.fail(watch, failure);
        return;
      }
      this.options.logger.warn(
        { requestId: watch.requestId, code, message: (error as Error).message },
        'run poll failed; polling on',
      );
    }
    watch.interval = nextPollInterval(watch.interval, changed, this.options);
    this.schedule(watch, watch.interval);
  }
}
