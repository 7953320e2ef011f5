/**
 * Many viewers, one budget (docs/design section 15, docs/performance.md): N clients open the same
 * project's screens at once, against a simulator that enforces Atlas's default buckets
 * (enforcing-simulator.ts), with and without the response cache. Printed: upstream calls per second,
 * upstream 429s (target 0), answers with errors (refused up front with RATE_LIMITED once the budget is
 * spent), p50/p99. Then the dashboard sent as a trusted document (compiled execution), with its CPU per
 * operation as a ratio to the hand-written floor's. Called by run.ts, which passes its helpers.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SEED } from '../../src/simulator/index.ts';
import { documentHash } from '../../src/trusted-documents/manifest.ts';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  requests: number;
}

export interface BenchHelpers {
  seconds: number;
  connections: number;
  upstream: string;
  floorCpuMsPerOp: number;
  forkScript(
    script: string,
    args: string[],
    env: Record<string, string>,
  ): Promise<{ child: ChildProcess; hello: any }>;
  startGateway(
    upstream: string,
    env?: Record<string, string>,
  ): Promise<{ url: string; child: ChildProcess }>;
  load(url: string, body: string | string[], connections: number, seconds?: number): Promise<Load>;
  table(header: string[], body: string[][]): string;
}

const VIEWERS = [50, 200, 500];
const operation = (name: string) =>
  readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8');
const byText = (name: string) =>
  JSON.stringify({ query: operation(name), variables: { projectId: SEED.projectId } });
const byHash = (name: string) =>
  JSON.stringify({
    variables: { projectId: SEED.projectId },
    extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(operation(name)) } },
  });

const ask = (child: ChildProcess, command: 'reset' | 'count') =>
  new Promise<{ count: number; throttled: number }>((resolve) => {
    const onMessage = (message: any) => {
      if (message.command !== command) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ command });
  });

const cpuSeconds = async (url: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? 0);
};

const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
};

export async function manyViewers(helpers: BenchHelpers): Promise<void> {
  const { seconds } = helpers;
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  const { child: simulator, hello } = await helpers.forkScript('enforcing-simulator.ts', [], {});
  // The screens of one project: its dashboard and its clusters.
  const screens = [byText('ProjectDashboard'), byText('ProjectClusters')];
  const rows: string[][] = [];
  for (const viewers of VIEWERS) {
    for (const cacheTtlMs of [0, 5_000]) {
      await ask(simulator, 'reset');
      const gateway = await helpers.startGateway(hello.url, {
        // Atlas's real limits, as the gateway learns them: configured defaults, listRateLimits.
        UPSTREAM_PROJECT_CONCURRENCY: '20',
        UPSTREAM_PROJECT_RATE_PER_MINUTE: '500',
        UPSTREAM_PROJECT_BURST: '1200',
        CACHE_TTL_MS: String(cacheTtlMs),
      });
      // listRateLimits is read at start.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = await ask(simulator, 'count');
      const loaded = await helpers.load(`${gateway.url}/graphql`, screens, viewers);
      const after = await ask(simulator, 'count');
      await stop(gateway.child);
      rows.push([
        String(viewers),
        cacheTtlMs > 0 ? `${cacheTtlMs / 1000} s` : 'off',
        fmt((after.count - before.count) / seconds, 1),
        String(after.throttled - before.throttled),
        `${loaded.failures} of ${loaded.requests}`,
        `${loaded.p50} / ${loaded.p99}`,
      ]);
    }
  }
  // run.ts ends the simulator's process with its other children.
  console.log();
  console.log(
    `Many viewers, one budget: the screens of one project (dashboard, clusters), Atlas's default buckets enforced (per project: 1200, refilled 500 a minute = 8.3 calls/s), ${seconds} s each\n`,
  );
  console.log(
    helpers.table(
      [
        'viewers',
        'response cache',
        'upstream calls/s',
        'upstream 429s (target 0)',
        'answers with errors',
        'p50 / p99 ms',
      ],
      rows,
    ),
  );

  // The dashboard as a trusted document: compiled from its second run (text is always interpreted).
  const trusted = await helpers.startGateway(helpers.upstream, { TRUSTED_DOCUMENTS: 'allow' });
  const dashboard = byHash('ProjectDashboard');
  await helpers.load(`${trusted.url}/graphql`, dashboard, helpers.connections, 2);
  const cpuBefore = await cpuSeconds(trusted.url);
  const loaded = await helpers.load(`${trusted.url}/graphql`, dashboard, helpers.connections);
  const cpuMsPerOp =
    (((await cpuSeconds(trusted.url)) - cpuBefore) * 1000) / Math.max(1, loaded.requests);
  await stop(trusted.child);
  console.log();
  console.log(
    helpers.table(
      ['dashboard as a trusted document', 'value', 'target'],
      [
        ['req/s', fmt(loaded.rps, 0), '–'],
        ['gateway CPU per operation', `${fmt(cpuMsPerOp, 2)} ms`, '–'],
        ['CPU per operation / floor', fmt(cpuMsPerOp / helpers.floorCpuMsPerOp, 2), '<= 1.5'],
        ['failed', String(loaded.failures), '0'],
      ],
    ),
  );
}
