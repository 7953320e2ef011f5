import { expect } from 'vitest';
import { nextPollInterval } from '../../src/graph/live/poll-hub.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds, checking every 10 ms; fails after `ms`. */
export async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

/** Polls that saw no change came at least the backed-off interval apart (src/graph/live/poll-hub.ts). */
export function expectBackedOff(starts: number[], initialMs: number, maxMs: number): void {
  starts.slice(1).forEach((start, i) => {
    // Timers never fire early: each gap is at least the backed-off interval (1 ms of clock slack).
    const interval = Array.from({ length: i }).reduce<number>(
      (ms) => nextPollInterval(ms, false, { initialMs, maxMs }),
      initialMs,
    );
    expect(start - starts[i]!).toBeGreaterThanOrEqual(interval - 1);
  });
}
