import { randomUUID } from 'node:crypto';
import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Logger } from 'pino';
import { AtlasCallError } from '../../atlas/errors.ts';
import type { CallScope } from '../../atlas/request.ts';
import type { PollCoordinator, SharedPollEvent } from './poll-coordinator.ts';

/** Failures worth polling through (the next poll may succeed); any other ends the watch. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'RATE_LIMITED',
]);

export const POLL_GROWTH = 1.5;

/** The longest delay Node's timers take as given. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Events kept for a subscriber that reads slower than its object changes; older ones are dropped. */
export const SUBSCRIBER_BUFFER = 16;

export interface PollOptions {
  /** First interval, and the interval again after each change. */
  initialMs: number;
  /** The interval grows by POLL_GROWTH per unchanged poll, up to this. */
  maxMs: number;
  /** Each poll's deadline for retries of the GET, from its start. */
  deadlineMs: number;
  logger: Logger;
  /** With several replicas (REDIS_URL): one of them polls each object and the others relay its events. */
  coordinator?: PollCoordinator;
}

/** When one subscriber's stream must end (its caller's token expires), and the error it ends with. */
export interface SubscriberExpiry {
  at: number;
  error: () => Error;
}

/** One event of a watch: the object as it now is (its upstream JSON), or why the watch ended. */
export type PollEvent = object | Error;

/** What one watched object is, for the hub: how to poll it and how to read what it polled. */
export interface PollTarget {
  /** Names the credential, the kind and the object: subscribers with one key share one poll stream. */
  key: string;
  /** Names the kind in each poll's request id (`<label>-poll-<uuid>`), so logs tell kinds apart. */
  label: string;
  poll: (scope: CallScope) => Promise<object>;
  /** What subscribers see change: an object whose fingerprint did not change is no event. */
  fingerprint: (object: object) => string;
  /** A state the object never leaves: the watch ends after it. */
  isFinal: (object: object) => boolean;
}

/** The interval after a poll: back to the start on a change, else longer, up to the cap. */
export function nextPollInterval(
  current: number,
  changed: boolean,
  options: Pick<PollOptions, 'initialMs' | 'maxMs'>,
): number {
  return changed ? options.initialMs : Math.min(options.maxMs, Math.round(current * POLL_GROWTH));
}

interface Watch {
  key: string;
  target: PollTarget;
  /** Sent upstream with every poll of this watch, so logs (and tests) tell one poll stream from another. */
  requestId: string;
  subscribers: Set<(event: PollEvent | null) => void>;
  latest: object | undefined;
  seen: string | undefined;
  interval: number;
  timer: NodeJS.Timeout | undefined;
  ended: boolean;
  /** Stops relaying the coordinator's events for this object. */
  unlisten: (() => Promise<void>) | undefined;
}

/**
 * Watches of long operations (`pipelineRunUpdated`, `exportJobUpdated`, ...; src/graph/live/watches.ts):
 * one upstream poll stream per watched (credential, kind, object), however many subscribers share it.
 * The interval backs off while nothing changes and resets on a change; polling stops at a final state
 * or when the last subscriber leaves. With a coordinator, one replica polls each object for all of them
 * and the others relay what it publishes; a relay takes over when the poller's lease lapses (it
 * stopped, or its last subscriber left).
 */
export class PollHub {
  private readonly watches = new Map<string, Watch>();

  private readonly options: PollOptions;

  constructor(options: PollOptions) {
    this.options = options;
  }

  /**
   * The object's events for one subscriber: the object as it is now first, then each change; the stream
   * ends after a final state or an error event.
   */
  subscribe(target: PollTarget, expiry?: SubscriberExpiry): Repeater<PollEvent> {
    // A subscriber that stops reading (its socket stalls) keeps only the latest events: the object as
    // it is now is what matters, and an unbounded queue would grow until the repeater throws.
    return new Repeater<PollEvent>(async (push, stop) => {
      const deliver = (event: PollEvent | null) => {
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
      this.join(target, deliver);
      await stop;
      clearTimeout(expire);
      this.leave(target.key, deliver);
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  /** Watches polling now (for metrics and tests). */
  get size(): number {
    return this.watches.size;
  }

  private join(target: PollTarget, deliver: (event: PollEvent | null) => void): void {
    const { key } = target;
    const existing = this.watches.get(key);
    if (existing) {
      existing.subscribers.add(deliver);
      if (existing.latest) deliver(existing.latest);
      return;
    }
    const watch: Watch = {
      key,
      target,
      requestId: `${target.label}-poll-${randomUUID()}`,
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
        .then(
          (object) =>
            typeof object === 'object' &&
            object !== null &&
            !watch.ended &&
            watch.seen === undefined &&
            this.accept(watch, object),
        )
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
          'poll failed unexpectedly; watch ended',
        );
        if (!watch.ended)
          this.fail(watch, error instanceof Error ? error : new Error(String(error)));
      });
    if (ms === 0) void run();
    else watch.timer = setTimeout(run, ms);
  }

  private leave(key: string, deliver: (event: PollEvent | null) => void): void {
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

  /** Takes an object in (polled here or relayed); true when it changed what subscribers see. */
  private accept(watch: Watch, object: object): boolean {
    const seen = watch.target.fingerprint(object);
    const changed = seen !== watch.seen;
    if (changed) {
      watch.seen = seen;
      watch.latest = object;
      this.broadcast(watch, object);
    }
    if (watch.target.isFinal(object)) {
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
  private relay(watch: Watch, event: SharedPollEvent): void {
    if (watch.ended) return;
    if (event.kind === 'object') {
      if (typeof event.object === 'object' && event.object !== null)
        this.accept(watch, event.object);
    } else if (event.kind === 'error')
      this.fail(watch, new AtlasCallError(event.code as AtlasCallError['code'], event.message));
    else {
      this.broadcast(watch, null);
      this.end(watch);
    }
  }

  private broadcast(watch: Watch, event: PollEvent | null): void {
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
      const object = await watch.target.poll({
        requestId: watch.requestId,
        deadline: Date.now() + this.options.deadlineMs,
      });
      if (watch.ended) return;
      changed = this.accept(watch, object);
      if (changed)
        void coordinator?.publish(watch.key, { kind: 'object', object }).catch(() => undefined);
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
        'poll failed; polling on',
      );
    }
    watch.interval = nextPollInterval(watch.interval, changed, this.options);
    this.schedule(watch, watch.interval);
  }
}
