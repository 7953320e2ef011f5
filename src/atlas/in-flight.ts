import { AtlasCallError } from './errors.ts';

interface SharedCall<T> {
  result: Promise<T>;
  /** Aborts the call itself: only once every waiter has given up. */
  controller: AbortController;
  waiters: number;
}

/** What one waiter brings: when it gives up (its operation ended or its deadline passed). */
export interface Waiter {
  signal?: AbortSignal;
  /** Why the waiter gave up, once `signal` has aborted. */
  reason?: () => AtlasCallError;
}

const GAVE_UP = () => new AtlasCallError('UPSTREAM_UNAVAILABLE', 'The call was cancelled.');

/**
 * Identical reads in flight at the same moment are sent once (docs/upstream.md, "How the budget is
 * spent"): fifty viewers opening one screen cost Atlas one call, not fifty. Each waiter may leave on its
 * own (its operation ended); the call goes on for the others and is aborted only when none is left. The
 * key must hold everything that makes two requests the same, the credential included.
 */
export class InFlightCalls {
  private readonly calls = new Map<string, SharedCall<unknown>>();

  /** Calls that were served by a call already in flight (for metrics). */
  coalesced = 0;

  /**
   * Joins the call in flight under `key`, or starts one with `start` (given the signal that aborts it
   * when every waiter has gone). The entry leaves the map as soon as the call settles: a later read is
   * a new call, fresh from Atlas.
   */
  run<T>(key: string, waiter: Waiter, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let call = this.calls.get(key) as SharedCall<T> | undefined;
    if (call) {
      this.coalesced += 1;
    } else {
      const controller = new AbortController();
      const result = start(controller.signal);
      const entry: SharedCall<T> = { result, controller, waiters: 0 };
      this.calls.set(key, entry);
      const forget = () => {
        if (this.calls.get(key) === entry) this.calls.delete(key);
      };
      result.then(forget, forget);
      call = entry;
    }
    return this.wait(key, call, waiter);
  }

  get size(): number {
    return this.calls.size;
  }

  private wait<T>(key: string, call: SharedCall<T>, waiter: Waiter): Promise<T> {
    const { signal } = waiter;
    if (!signal) {
      call.waiters += 1;
      return call.result;
    }
    if (signal.aborted) return Promise.reject((waiter.reason ?? GAVE_UP)());
    call.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        call.waiters -= 1;
        if (call.waiters === 0) {
          // Nobody is left to read the answer: the call stops, and a new reader starts afresh.
          if (this.calls.get(key) === call) this.calls.delete(key);
          call.controller.abort(signal.reason);
        }
        reject((waiter.reason ?? GAVE_UP)());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      call.result.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}
