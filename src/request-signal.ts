/**
 * Yoga's request signal (from @whatwg-node/server) is an EventTarget look-alike: it fires `abort` when the
 * client goes away, but Node's `AbortSignal.any` and undici cannot follow it. This mirrors it onto a
 * native signal, so cancelling the HTTP request cancels queued and in-flight upstream calls.
 */
export function nativeAbortSignal(signal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
