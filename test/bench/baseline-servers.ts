/**
 * The bench's two baselines, each a process of its own (`node --import tsx test/bench/baseline-servers.ts
 * ceiling|floor`), reporting its port to the parent over IPC:
 * - ceiling: a bare node:http server answering a fixed JSON body (what this machine can serve at all);
 * - floor: the dashboard written by hand: the pipeline list, then the first five run lists in parallel,
 *   with undici on a keep-alive pool the size of the gateway's (what the gateway's work costs at least).
 * GET /stats answers the process's CPU seconds and resident memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const ACCEPT = 'application/vnd.atlas.2023-01-01+json';
const mode = process.argv[2];
const upstream = process.env.BENCH_UPSTREAM_URL ?? '';
const projectId = process.env.BENCH_PROJECT_ID ?? '';
const pool = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

const FIXED = JSON.stringify({ data: { project: { pipelines: { totalCount: 5, nodes: [] } } } });

async function getJson(path: string): Promise<any> {
  const response = await request(`${upstream}${path}`, {
    headers: { accept: ACCEPT },
    dispatcher: pool,
  });
  if (response.statusCode !== 200)
    throw new Error(`upstream answered ${response.statusCode} for ${path}`);
  return response.body.json();
}

async function dashboard(): Promise<unknown> {
  const base = `/api/atlas/v2/groups/${projectId}/pipelines`;
  const pipelines: any[] = await getJson(base);
  const first = pipelines.slice(0, 5);
  const runs = await Promise.all(
    first.map((p) =>
      getJson(
        `${base}/${encodeURIComponent(p.name)}/runs?pageNum=1&itemsPerPage=3&includeCount=false`,
      ),
    ),
  );
  return {
    data: {
      project: {
        pipelines: {
          totalCount: pipelines.length,
          nodes: first.map((p, i) => ({
            name: p.name,
            state: p.state,
            runs: { nodes: runs[i].results },
          })),
        },
      },
    },
  };
}

function answer(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  if (req.url === '/stats') {
    const cpu = process.cpuUsage();
    return answer(
      res,
      200,
      JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, rss: process.memoryUsage.rss() }),
    );
  }
  if (mode === 'ceiling') return answer(res, 200, FIXED);
  dashboard().then(
    (body) => answer(res, 200, JSON.stringify(body)),
    (error: Error) => answer(res, 502, JSON.stringify({ error: error.message })),
  );
});

server.listen(0, '127.0.0.1', () =>
  process.send!({ port: (server.address() as AddressInfo).port }),
);
process.on('disconnect', () => process.exit(0));
