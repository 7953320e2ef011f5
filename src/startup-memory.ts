import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Start-up (loading the modules, building the schema) keeps nearly all it allocates, so V8 grows the
 * young generation to the largest `--max-semi-space-size` allows and keeps it committed while the
 * gateway idles; no GC comes to shrink it without traffic. One memory-reducing full GC once the gateway
 * listens gives that room back (figures in docs/performance.md); under load the young generation grows
 * again as far as the flag allows. Answers how long the GC took, in ms.
 *
 * V8's gc() is reached without `--expose-gc`, which would put it on every module's globalThis: the
 * flag is set only while a fresh context is made, and the function taken from that context.
 */
export function releaseStartupMemory(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as Gc;
  setFlagsFromString('--no-expose-gc');
  const started = performance.now();
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return performance.now() - started;
}
