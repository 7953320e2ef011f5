/**
 * Memory figures for `npm run bench` (run.ts): each measured server runs with memory-probe.ts preloaded
 * and `--expose-gc`, and answers over IPC. Resident memory is read as it is (what a replica pays), the
 * heap after a full GC (what the process really holds).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryFigures } from './memory-probe.ts';

export type { MemoryFigures };

/** Node flags that preload the probe; they go before the entry point. */
export const PROBE_FLAGS = [
  '--expose-gc',
  `--import=${new URL('./memory-probe.ts', import.meta.url).href}`,
];

/** Resident memory now, then (with `full`) after a full GC, with the heap, code space and module count. */
export function memoryOf(child: ChildProcess, full = true): Promise<MemoryFigures> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { memoryFigures?: MemoryFigures }) => {
      if (!message?.memoryFigures) return;
      child.off('message', onMessage);
      resolve(message.memoryFigures);
    };
    child.on('message', onMessage);
    child.send({ memory: full }, (error) => error && reject(error));
  });
}

/** The highest resident memory sampled (every 250 ms, no GC) while `work` runs. */
export async function peakRssDuring<T>(
  child: ChildProcess,
  work: Promise<T>,
): Promise<{ result: T; peakRss: number }> {
  let peakRss = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      peakRss = Math.max(peakRss, (await memoryOf(child, false)).rss);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const result = await work;
  done = true;
  await sampling;
  peakRss = Math.max(peakRss, (await memoryOf(child, false)).rss);
  return { result, peakRss };
}

/** The plain Apollo Server baseline (apollo-server.ts) over `upstream`, with the probe; resolves once it listens. */
export function startApolloBaseline(
  upstream: string,
  children: ChildProcess[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...PROBE_FLAGS, fileURLToPath(new URL('./apollo-server.ts', import.meta.url))],
    {
      env: { ...process.env, BENCH_UPSTREAM_URL: upstream },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (hello: { port: number }) =>
      resolve({ url: `http://127.0.0.1:${hello.port}/`, child }),
    );
    child.once('exit', (code) => reject(new Error(`the Apollo baseline exited with ${code}`)));
  });
}
