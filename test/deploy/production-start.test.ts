import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlAssets } from '../support/graphiql.ts';
import { startArguments } from '../support/start-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// npm ci downloads every production dependency (or reads them from npm's cache).
const INSTALL_TIMEOUT_MS = 240_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });

/** Under `npm test`, the npm that started the tests; otherwise the one on PATH. */
function npm(args: string[], cwd: string) {
  const cli = process.env.npm_execpath;
  const [file, argv] = cli?.endsWith('.js') ? [process.execPath, [cli, ...args]] : ['npm', args];
  return promisify(execFile)(file, argv, { cwd, env: process.env, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * What the image does (deploy/Dockerfile), without Docker: only the files the image copies, production
 * dependencies only, and `npm start`'s command. A dev dependency the gateway needed at run time, or
 * syntax Node's type stripping refuses, fails here.
 */
describe('production start without dev dependencies', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // Outside the repository, so that Node cannot resolve a package from its node_modules.
    dir = await mkdtemp(join(tmpdir(), 'atlas-graph-production-'));
    for (const entry of ['src', 'schema', 'package.json', 'package-lock.json'])
      await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
    await npm(['ci', '--omit=dev', '--no-audit', '--no-fund'], dir);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('installs no development tool', () => {
    for (const tool of ['tsx', 'typescript', 'vitest'])
      expect(existsSync(join(dir, 'node_modules', tool)), tool).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'graphql-yoga'))).toBe(true);
  });

  it('serves /healthz and GraphQL from the embedded simulator, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    const running = spawn(process.execPath, startArguments(), {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        // Its page is built with esbuild (a production dependency, with a native binary): built here too.
        GRAPHIQL: 'on',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = running;
    running.stdout!.on('data', (chunk) => (output += String(chunk)));
    running.stderr!.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) =>
      running.once('exit', (code) => resolve(code)),
    );

    const deadline = Date.now() + 30_000;
    let health: Response | undefined;
    while (running.exitCode === null && Date.now() < deadline) {
      health = await fetch(`${url}/healthz`).catch(() => undefined);
      if (health) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status, output).toBe(200);

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status, output).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });

    // GraphiQL builds, minified editor workers and all, from production dependencies alone.
    const { assets } = await graphiqlAssets(url);
    const workers = assets.filter((path) => path.endsWith('.js'));
    expect(workers.length, output).toBe(4);
    for (const path of workers) expect((await fetch(`${url}${path}`)).status, output).toBe(200);

    running.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 60_000);
});
