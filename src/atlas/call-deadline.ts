import { setMaxListeners } from 'node:events';

/** One reason for every cancelled leftover call: made once, as an Error's stack costs on every creation. */
const OPERATION_ENDED = new Error('The operation ended before this call did.');

/**
 * The abort signal of upstream calls: the operation's own (the client went away) or its deadline passing.
 * A GraphQL operation shares one across all its calls (src/plugins/upstream-deadline.ts finishes it with
 * the operation): one timer and one listener per operation instead of per call. A scope without one (run
 * polls, readiness probes) gets one per call, disposed when the call ends. Made by hand rather than with
 * `AbortSignal.timeout` + `AbortSignal.any`: those keep a timer, the combined signal and undici's
 * listeners (with the response) alive until the deadline, seconds after the call ended, which the bench
 * showed as resident memory growing with load and GC time. It follows the operation's signal by
 * listening, which also works for Yoga's request signal, an EventTarget look-alike that
 * `AbortSignal.any` and undici cannot follow.
 */
export class CallDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  private inFlight = 0;

  private readonly operationSignal: AbortSignal | undefined;

  constructor(deadline: number, operationSignal: AbortSignal | undefined) {
    this.operationSignal = operationSignal;
    // undici listens once per call in flight: a fan-out past Node's default of ten is normal, not a leak.
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(
      () => {
        this.expired = true;
        this.controller.abort(new DOMException('The operation deadline passed.', 'TimeoutError'));
      },
      Math.max(1, deadline - Date.now()),
    );
    if (operationSignal?.aborted) this.controller.abort(operationSignal.reason);
    else operationSignal?.addEventListener('abort', this.onOperationAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the operation ended while calls were still running (`finish`). */
  get cancelled(): boolean {
    return this.controller.signal.reason === OPERATION_ENDED;
  }

  /** True when the deadline, not the client, ended the calls. */
  get timedOut(): boolean {
    return this.expired && !this.operationSignal?.aborted;
  }

  /** Brackets each call made under this signal, so that `finish` knows whether any is still running. */
  enter(): void {
    this.inFlight += 1;
  }

  leave(): void {
    this.inFlight -= 1;
  }

  /**
   * The operation is over: calls still running (siblings of a field whose error ended it) are cancelled,
   * their answer would go nowhere; then the timer and the listener are freed.
   */
  finish(): void {
    if (this.inFlight > 0) this.controller.abort(OPERATION_ENDED);
    this.dispose();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.operationSignal?.removeEventListener('abort', this.onOperationAbort);
  }

  private readonly onOperationAbort = () => this.controller.abort(this.operationSignal?.reason);
}

/**
 * The operation is over: its calls still running are cancelled, and its deadline moves to now, so that
 * none is retried, started or sent from a limiter's queue for an answer that has gone.
 */
export function endCalls(scope: { deadline: number; callDeadline?: CallDeadline }): void {
  scope.callDeadline?.finish();
  scope.callDeadline = undefined;
  scope.deadline = Math.min(scope.deadline, Date.now());
}
