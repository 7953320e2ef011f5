/**
 * Preloaded into each server whose memory the bench measures (`node --expose-gc --import
 * ./test/bench/memory-probe.ts …`, see memory.ts). Over IPC, `{ memory: true }` answers resident memory
 * as it is, then the heap after a full GC, V8's code space and how many modules were loaded;
 * `{ memory: false }` answers resident memory alone, without collecting (for sampling under load).
 */
import * as nodeModule from 'node:module';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

export interface MemoryFigures {
  rss: number;
  /** Time spent in GC since start, all kinds, and in young-generation GC alone (ms). */
  gcMs: number;
  youngGcMs: number;
  /** Young-generation GCs since start: their work is copying what survives, so fewer is cheaper. */
  youngGcs: number;
  /** After a full GC (only with `memory: true`). */
  heapUsed?: number;
  heapTotal?: number;
  rssAfterGc?: number;
  codeSpace?: number;
  modules?: number;
}

type LoadHook = (
  url: string,
  context: unknown,
  nextLoad: (url: string, context: unknown) => unknown,
) => unknown;
// Node 22.15+ (synchronous hooks for import and require alike); @types/node 20 does not declare it.
const { registerHooks } = nodeModule as unknown as {
  registerHooks?: (hooks: { load: LoadHook }) => unknown;
};
const modules = new Set<string>();
registerHooks?.({
  load(url, context, nextLoad) {
    modules.add(url);
    return nextLoad(url, context);
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
let gcMs = 0;
let youngGcMs = 0;
let youngGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    const { detail } = entry as unknown as { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      youngGcMs += entry.duration;
      youngGcs += 1;
    }
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (message: { memory?: boolean }) => {
  if (typeof message?.memory !== 'boolean') return;
  const figures: MemoryFigures = { rss: process.memoryUsage.rss(), gcMs, youngGcMs, youngGcs };
  if (message.memory) {
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    figures.heapUsed = usage.heapUsed;
    figures.heapTotal = usage.heapTotal;
    figures.rssAfterGc = usage.rss;
    figures.codeSpace = getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('code_'))
      .reduce((total, space) => total + space.space_used_size, 0);
    figures.modules = modules.size;
  }
  process.send?.({ memoryFigures: figures });
});
// The IPC channel must not keep a server alive that would otherwise exit.
process.channel?.unref();
