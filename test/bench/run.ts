/**
 * `npm run bench`: load figures for the gateway over the simulator at a fixed upstream latency, next to
 * two baselines measured in the same run (see baseline-servers.ts). Each server runs in its own process;
 * autocannon drives them from this one. Bounded: BENCH_SECONDS (default 5) per measurement.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the gateway there (`node --cpu-prof`).
 * Memory (memory.ts): the gateway's resident memory and heap idle after start-up, under the dashboard
 * load and after the scenarios, next to a plain Apollo Server's over the same upstream; then the
 * young-generation sizes of BENCH_SEMI_SPACES (MB, `none` for V8's default), one fresh gateway each.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { SEED } from '../../src/simulator/index.ts';
import { startArguments } from '../support/start-command.ts';
import { manyViewers } from './many-viewers.ts';
import {
  type MemoryFigures,
  memoryOf,
  PROBE_FLAGS,
  peakRssDuring,
  startApolloBaseline,
} from './memory.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LATENCY_MS = 20;
const CONNECTIONS = 128;
const operation = (name: string) =>
  readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8');

// ---- processes ----------------------------------------------------------------------------------------

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function forkScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; hello: any }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (hello) => resolve({ child, hello }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const ask = (child: ChildProcess, command: 'clear' | 'count') =>
  new Promise<number>((resolve) => {
    const onMessage = (message: any) => {
      if (message.command !== command) return;
      child.off('message', onMessage);
      resolve(message.count);
    };
    child.on('message', onMessage);
    child.send({ command });
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const SEMI_SPACE_FLAG = /^--max-semi-space-size=/;

/** `npm start`'s arguments, its young-generation flag replaced by `semiSpace` MB (`none`: no flag). */
function withSemiSpace(semiSpace: string | undefined): string[] {
  const args = startArguments();
  if (semiSpace === undefined) return args;
  const rest = args.filter((arg) => !SEMI_SPACE_FLAG.test(arg));
  return semiSpace === 'none' ? rest : [`--max-semi-space-size=${semiSpace}`, ...rest];
}

async function startGateway(
  upstream: string,
  semiSpace?: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF;
  // Started as `npm start` starts it, with its node flags (and the memory probe, see memory.ts).
  const child = spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      ...PROBE_FLAGS,
      ...withSemiSpace(semiSpace),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        MONGODB_ATLAS_BASE_URL: upstream,
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        // The bench measures the gateway, not Atlas's per-project rate limit.
        UPSTREAM_PROJECT_CONCURRENCY: '10000',
        UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000000',
        UPSTREAM_PROJECT_BURST: '1000000',
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the gateway exited at start');
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- measurements -------------------------------------------------------------------------------------

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Transport errors, timeouts, non-2xx answers, and answers carrying GraphQL errors. */
  failures: number;
  requests: number;
}

async function load(
  url: string,
  body: string | string[] | undefined,
  connections: number,
  seconds = SECONDS,
): Promise<Load> {
  const bodies = body === undefined ? undefined : Array.isArray(body) ? body : [body];
  // An operation answered 200 with errors failed as much as a 502 did.
  let graphqlErrors = 0;
  const onResponse = (_status: number, responseBody: string) => {
    if (responseBody.includes('"errors":')) graphqlErrors += 1;
  };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: bodies ? 'POST' : 'GET',
    headers: bodies
      ? { 'content-type': 'application/json', accept: 'application/graphql-response+json' }
      : {},
    requests: bodies?.map((b) => ({ method: 'POST', body: b, onResponse })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    requests: result.requests.total,
  };
}

/**
 * One request at a time, timed to the microsecond (autocannon's latencies are whole milliseconds, too
 * coarse for a 2 ms target): the latency a lone user sees. Keep-alive, like a browser.
 */
async function oneAtATime(url: string, body: string | undefined, seconds = SECONDS): Promise<Load> {
  const agent = new Agent({ connections: 1 });
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await request(url, {
      method: body ? 'POST' : 'GET',
      headers: body
        ? { 'content-type': 'application/json', accept: 'application/graphql-response+json' }
        : {},
      body,
      dispatcher: agent,
    });
    const text = await response.body.text();
    latencies.push(performance.now() - started);
    if (response.statusCode !== 200 || text.includes('"errors":')) failures += 1;
  }
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) /
    10;
  return {
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures,
    requests: latencies.length,
  };
}

/** CPU seconds, resident bytes and operations so far, from the gateway's /metrics or a baseline's /stats. */
async function gatewayStats(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (prefix: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    cpuSeconds: sum('process_cpu_seconds_total '),
    rss: sum('process_resident_memory_bytes '),
    operations: sum('graphql_operations_total{'),
    upstreamCalls: sum('atlas_upstream_calls_total{'),
  };
}
const baselineStats = async (url: string) =>
  (await (await fetch(`${url}/stats`)).json()) as { cpuSeconds: number; rss: number };

async function post(url: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const json = (await response.json()) as any;
  if (json.errors) throw new Error(`bench operation failed: ${JSON.stringify(json.errors)}`);
  return json;
}

/** Upstream calls per operation, from the simulator's request log, over a few operations in a row. */
async function callsPerOperation(
  simulator: ChildProcess,
  url: string,
  bodies: string[],
  rounds = 3,
): Promise<number> {
  // Calls still under way from the previous load must not be counted here.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await ask(simulator, 'clear');
  for (let i = 0; i < rounds; i++) for (const body of bodies) await post(url, body);
  return (await ask(simulator, 'count')) / (rounds * bodies.length);
}

// ---- the run --------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 0)} MB`;

const { child: simulator, hello } = await forkScript('simulator-process.ts', [], {
  BENCH_LATENCY_MS: String(LATENCY_MS),
});
const upstream: string = hello.url;
const baselineEnv = { BENCH_UPSTREAM_URL: upstream, BENCH_PROJECT_ID: SEED.projectId };
const ceilingServer = await forkScript('baseline-servers.ts', ['ceiling'], baselineEnv);
const floorServer = await forkScript('baseline-servers.ts', ['floor'], baselineEnv);
const ceilingUrl = `http://127.0.0.1:${ceilingServer.hello.port}`;
const floorUrl = `http://127.0.0.1:${floorServer.hello.port}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
const gateway = await startGateway(upstream);
const graphqlUrl = `${gateway.url}/graphql`;
// Idle: started, no operation yet.
await settle();
const gatewayIdle = await memoryOf(gateway.child);
const apollo = await startApolloBaseline(upstream, children);
await settle();
const apolloIdle = await memoryOf(apollo.child);

const dashboard = JSON.stringify({
  query: operation('ProjectDashboard'),
  variables: { projectId: SEED.projectId },
});
// Deep paging: 20 runs after offset 999 of the 1,200-run pipeline; the cursor comes from the gateway.
const runsPage = (first: number, after?: string) =>
  JSON.stringify({
    query: operation('PipelineRuns'),
    variables: { projectId: SEED.projectId, pipelineName: SEED.pipelines.big, first, after },
  });
let cursor: string | undefined;
for (let i = 0; i < 2; i++)
  cursor = (await post(graphqlUrl, runsPage(500, cursor))).data.project.pipeline.runs.pageInfo
    .endCursor;
const deepPage = runsPage(20, cursor);
const trigger = JSON.stringify({
  query: operation('TriggerPipelineRun'),
  variables: {
    input: {
      projectId: SEED.projectId,
      pipelineName: SEED.pipelines.onDemand,
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
    },
  },
});
const mix = [trigger, dashboard, dashboard, dashboard];

console.log(
  `Atlas Graph bench: upstream latency ${LATENCY_MS} ms, ${CONNECTIONS} connections, ${SECONDS} s per measurement\n`,
);

// Warm-up (JIT, pools) of every server, not measured; V8 takes a few seconds of load to optimise the
// gateway's hot path, and every scenario's operations are compiled before the first measurement.
await load(ceilingUrl, undefined, CONNECTIONS, 1);
await load(floorUrl, undefined, CONNECTIONS, 2);
for (const body of [deepPage, mix]) await load(graphqlUrl, body, CONNECTIONS, 1);
await load(graphqlUrl, dashboard, CONNECTIONS, 5);
const rssBefore = (await gatewayStats(gateway.url)).rss;

const ceiling = await load(ceilingUrl, undefined, CONNECTIONS);
const floorCpu = await baselineStats(floorUrl);
const floor = await load(floorUrl, undefined, CONNECTIONS);
const floorCpuMsPerOp =
  (((await baselineStats(floorUrl)).cpuSeconds - floorCpu.cpuSeconds) * 1000) / floor.requests;
const floorUnloaded = await oneAtATime(floorUrl, undefined);

interface Scenario {
  name: string;
  bodies: string[];
  /** Upstream round trips one after the other in one operation. */
  depth: number;
}
const scenarios: Scenario[] = [
  { name: '(a) dashboard', bodies: [dashboard], depth: 2 },
  { name: '(b) deep paging of runs', bodies: [deepPage], depth: 2 },
  { name: '(c) 1 trigger : 3 dashboards', bodies: mix, depth: 2 },
];
const rows: string[][] = [];
let dashboardLoaded: Load | undefined;
let dashboardCpu = 0;
let dashboardPeakRss = 0;
for (const scenario of scenarios) {
  const calls = await callsPerOperation(simulator, graphqlUrl, scenario.bodies);
  const before = await gatewayStats(gateway.url);
  const { result: loaded, peakRss } = await peakRssDuring(
    gateway.child,
    load(graphqlUrl, scenario.bodies, CONNECTIONS),
  );
  const after = await gatewayStats(gateway.url);
  const cpuMsPerOp = ((after.cpuSeconds - before.cpuSeconds) * 1000) / Math.max(1, loaded.requests);
  const underLoad =
    (after.upstreamCalls - before.upstreamCalls) /
    Math.max(1, after.operations - before.operations);
  if (!dashboardLoaded)
    [dashboardLoaded, dashboardCpu, dashboardPeakRss] = [loaded, cpuMsPerOp, peakRss];
  rows.push([
    scenario.name,
    fmt(loaded.rps, 0),
    `${loaded.p50} / ${loaded.p99}`,
    `${fmt(calls, 2)} (${fmt(underLoad, 2)} under load)`,
    fmt(loaded.p50 / (scenario.depth * LATENCY_MS), 2),
    fmt(cpuMsPerOp, 2),
    String(loaded.failures),
  ]);
}
const rssAfterScenarios = (await gatewayStats(gateway.url)).rss;
// Sustained: three more dashboard loads; resident memory should stay where the scenarios left it.
for (let i = 0; i < 3; i++) await load(graphqlUrl, dashboard, CONNECTIONS);
const rssAfter = (await gatewayStats(gateway.url)).rss;
const unloaded = await oneAtATime(graphqlUrl, dashboard);
const gatewayAfter = await memoryOf(gateway.child);
gateway.child.kill('SIGTERM');
await new Promise((resolve) => gateway.child.once('exit', resolve));

// The plain Apollo Server under the same dashboard load, after its own warm-up.
await load(apollo.url, dashboard, CONNECTIONS, 2);
const { result: apolloLoaded, peakRss: apolloPeakRss } = await peakRssDuring(
  apollo.child,
  load(apollo.url, dashboard, CONNECTIONS),
);
const apolloAfter = await memoryOf(apollo.child);
apollo.child.kill('SIGTERM');

/** A fresh gateway per young-generation size: idle, then under the dashboard load. */
async function youngGeneration(semiSpace: string): Promise<string[]> {
  const candidate = await startGateway(upstream, semiSpace);
  await settle();
  const idle = await memoryOf(candidate.child);
  await load(`${candidate.url}/graphql`, dashboard, CONNECTIONS, 3);
  const before = await gatewayStats(candidate.url);
  const gcBefore = await memoryOf(candidate.child, false);
  const { result: loaded, peakRss } = await peakRssDuring(
    candidate.child,
    load(`${candidate.url}/graphql`, dashboard, CONNECTIONS),
  );
  const gcAfter = await memoryOf(candidate.child, false);
  const after = await gatewayStats(candidate.url);
  candidate.child.kill('SIGTERM');
  await new Promise((resolve) => candidate.child.once('exit', resolve));
  const perOp = (ms: number) => fmt(ms / Math.max(1, loaded.requests), 3);
  return [
    semiSpace === 'none' ? "none (V8's default)" : `${semiSpace} MB`,
    mb(idle.rss),
    fmt(loaded.rps, 0),
    fmt(((after.cpuSeconds - before.cpuSeconds) * 1000) / Math.max(1, loaded.requests), 2),
    fmt(((gcAfter.youngGcs - gcBefore.youngGcs) * 1000) / Math.max(1, loaded.requests), 1),
    perOp(gcAfter.youngGcMs - gcBefore.youngGcMs),
    perOp(gcAfter.gcMs - gcBefore.gcMs),
    mb(peakRss),
    fmt(peakRss / idle.rss, 2),
  ];
}
const youngRows: string[][] = [];
for (const semiSpace of (process.env.BENCH_SEMI_SPACES ?? 'none,8,16,32,64').split(','))
  youngRows.push(await youngGeneration(semiSpace.trim()));

const table = (header: string[], body: string[][]) =>
  [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

console.log(
  table(
    [
      'scenario',
      'req/s',
      'p50 / p99 ms',
      'upstream calls/op',
      'p50 / (depth x latency)',
      'gateway CPU ms/op',
      'failed',
    ],
    rows,
  ),
);
console.log();
console.log(
  table(
    ['baseline', 'req/s', 'p50 / p99 ms', 'CPU ms/op'],
    [
      [
        'ceiling: node:http, fixed JSON',
        fmt(ceiling.rps, 0),
        `${ceiling.p50} / ${ceiling.p99}`,
        '–',
      ],
      [
        'floor: hand-written dashboard, 6 undici calls',
        fmt(floor.rps, 0),
        `${floor.p50} / ${floor.p99}`,
        fmt(floorCpuMsPerOp, 2),
      ],
      [
        'floor, one request at a time',
        fmt(floorUnloaded.rps, 0),
        `${floorUnloaded.p50} / ${floorUnloaded.p99}`,
        '–',
      ],
      [
        'gateway dashboard, one request at a time',
        fmt(unloaded.rps, 0),
        `${unloaded.p50} / ${unloaded.p99}`,
        '–',
      ],
    ],
  ),
);
console.log();
console.log(
  table(
    ['ratio (dashboard)', 'value', 'target'],
    [
      ['gateway / floor throughput', fmt(dashboardLoaded!.rps / floor.rps, 2), '>= 0.85'],
      ['gateway / ceiling throughput', fmt(dashboardLoaded!.rps / ceiling.rps, 3), '–'],
      ['gateway CPU per operation', `${fmt(dashboardCpu, 2)} ms`, '<= 0.8 ms'],
      [
        'unloaded p50: gateway - floor',
        `${fmt(unloaded.p50 - floorUnloaded.p50, 1)} ms`,
        '<= 2 ms',
      ],
      [
        'gateway RSS: warm-up -> scenarios -> 3 more dashboard loads',
        `${mb(rssBefore)} -> ${mb(rssAfterScenarios)} -> ${mb(rssAfter)}`,
        'flat',
      ],
    ],
  ),
);

const heap = (figures: MemoryFigures) => `${mb(figures.heapUsed!)} / ${mb(figures.heapTotal!)}`;
console.log();
console.log(
  table(
    [
      'memory (resident as read; heap used / total after a full GC)',
      'gateway',
      'plain Apollo Server',
    ],
    [
      ['idle after start-up: RSS', mb(gatewayIdle.rss), mb(apolloIdle.rss)],
      ['idle: heap after GC', heap(gatewayIdle), heap(apolloIdle)],
      [
        'idle: modules loaded, V8 code space',
        `${gatewayIdle.modules}, ${mb(gatewayIdle.codeSpace!)}`,
        `${apolloIdle.modules}, ${mb(apolloIdle.codeSpace!)}`,
      ],
      ['dashboard load: req/s', fmt(dashboardLoaded!.rps, 0), fmt(apolloLoaded.rps, 0)],
      ['dashboard load: peak RSS (sampled every 250 ms)', mb(dashboardPeakRss), mb(apolloPeakRss)],
      ['after the loads: RSS', mb(gatewayAfter.rss), mb(apolloAfter.rss)],
      ['after the loads: heap after GC', heap(gatewayAfter), heap(apolloAfter)],
    ],
  ),
);
console.log();
console.log(
  table(
    ['memory ratio', 'value', 'target'],
    [
      [
        'idle RSS: gateway / plain Apollo Server',
        fmt(gatewayIdle.rss / apolloIdle.rss, 2),
        '<= 1.5',
      ],
      [
        'gateway RSS: dashboard load peak / idle',
        fmt(dashboardPeakRss / gatewayIdle.rss, 2),
        '<= 2',
      ],
      ['heap after GC over a long run', 'printed by heap.ts, below', 'flat'],
    ],
  ),
);
console.log();
console.log(
  table(
    [
      'young generation (--max-semi-space-size), fresh gateway each',
      'idle RSS',
      'dashboard req/s',
      'CPU ms/op',
      'young GCs per 1,000 ops',
      'young GC ms/op',
      'all GC ms/op',
      'peak RSS under load',
      'peak / idle',
    ],
    youngRows,
  ),
);

// The dashboard gateway has ended above (its memory figures read); the many-viewers scenario starts its own.
await manyViewers({
  seconds: SECONDS,
  connections: CONNECTIONS,
  upstream,
  floorCpuMsPerOp,
  forkScript,
  startGateway: (url, env) => startGateway(url, undefined, env),
  load: (url, body, connections, seconds) => load(url, body, connections, seconds),
  table,
});
for (const child of children) if (child.connected) child.disconnect();
process.exit(0);
