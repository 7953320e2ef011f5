/**
 * Part of `npm run bench`: is memory flat under sustained load? Resident memory alone cannot tell V8's heap
 * growing into free room from a leak, so this runs rounds of dashboard operations against an in-process
 * gateway and simulator and prints the heap left after a full GC (needs `node --expose-gc`).
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { startGateway } from '../../src/server.ts';
import { SEED, startSimulator } from '../../src/simulator/index.ts';

const ROUNDS = 5;
const OPERATIONS_PER_ROUND = Number(process.env.BENCH_HEAP_OPERATIONS ?? 3000);
const CONCURRENCY = 32;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const simulator = await startSimulator({ maxRecordedRequests: 0 });
const config = loadConfig({
  MONGODB_ATLAS_BASE_URL: simulator.url,
  PORT: '0',
  LOG_LEVEL: 'info',
  UPSTREAM_PROJECT_CONCURRENCY: '10000',
  UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000000',
  UPSTREAM_PROJECT_BURST: '1000000',
});
const gateway = await startGateway(
  config,
  createLogger('info', new Writable({ write: (_chunk, _encoding, done) => done() })),
);
const body = JSON.stringify({
  query: readFileSync(
    new URL('../../schema/operations/ProjectDashboard.graphql', import.meta.url),
    'utf8',
  ),
  variables: { projectId: SEED.projectId },
});
const dashboard = () =>
  fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).then((r) => r.text());
const heapAfterGc = () => {
  gc();
  gc();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
};

console.log(
  `\n| dashboard operations (gateway + simulator in one process) | heap after GC | RSS |\n| --- | --- | --- |`,
);
for (let round = 1; round <= ROUNDS; round++) {
  let started = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < OPERATIONS_PER_ROUND) {
        started++;
        await dashboard();
      }
    }),
  );
  console.log(
    `| ${round * OPERATIONS_PER_ROUND} | ${heapAfterGc()} MB | ${Math.round(process.memoryUsage().rss / 1e6)} MB |`,
  );
}
await gateway.close();
await simulator.close();
