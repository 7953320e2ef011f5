import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';

const SCRIPT = fileURLToPath(new URL('../support/loaded-modules.ts', import.meta.url));

/** What a gateway process configured by `env` has loaded once started (and after `runs` dashboards). */
async function loaded(env: Record<string, string>, runs = 0) {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, String(runs)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
  });
  return JSON.parse(stdout) as { packages: string[]; sources: string[] };
}

// Each case starts a gateway process; the shared machine can take a while to load one.
const PROCESS_TIMEOUT_MS = 60_000;

// docs/performance.md: what a configuration does not use is not loaded, and costs no memory.
describe('modules a configuration does not use are not loaded', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());

  it(
    'in front of an upstream, without Redis, JWT or traffic: no ioredis, graphql-jit, jose or simulator',
    async () => {
      const { packages, sources } = await loaded({ MONGODB_ATLAS_BASE_URL: simulator.url });
      expect(packages).toContain('graphql-yoga');
      expect(packages).not.toContain('ioredis');
      expect(packages).not.toContain('graphql-jit');
      expect(packages).not.toContain('jose');
      expect(sources).toContain('server.ts');
      expect(sources).not.toContain('simulator/server.ts');
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'loads graphql-jit once a trusted document runs again (compiled), never for text',
    async () => {
      const [trusted, text] = await Promise.all([
        loaded({ MONGODB_ATLAS_BASE_URL: simulator.url, TRUSTED_DOCUMENTS: 'allow' }, 2),
        loaded({ MONGODB_ATLAS_BASE_URL: simulator.url }, 2),
      ]);
      expect(trusted.packages).toContain('graphql-jit');
      expect(text.packages).not.toContain('graphql-jit');
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'loads ioredis with REDIS_URL, and the embedded simulator without an upstream',
    async () => {
      // No Redis listens there: ioredis is loaded and keeps reconnecting until the gateway closes.
      const { packages, sources } = await loaded({ REDIS_URL: 'redis://127.0.0.1:1' });
      expect(packages).toContain('ioredis');
      expect(sources).toContain('simulator/server.ts');
    },
    PROCESS_TIMEOUT_MS,
  );
});
