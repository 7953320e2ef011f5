/**
 * Run as a process of its own (`node test/support/loaded-modules.ts [operation runs]`): starts the
 * gateway as the environment configures it, runs the dashboard operation that many times (0 by default),
 * then prints, as JSON, the packages and the gateway's own source files that this process loaded.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { Writable } from 'node:stream';

type LoadHook = (
  url: string,
  context: unknown,
  nextLoad: (url: string, context: unknown) => unknown,
) => unknown;
// Node 22.15+: synchronous hooks for import and require alike; @types/node 20 does not declare them.
const { registerHooks } = nodeModule as unknown as {
  registerHooks: (hooks: { load: LoadHook }) => unknown;
};
const SOURCE_ROOT = new URL('../../src/', import.meta.url).href;
const packages = new Set<string>();
const sources = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    const inPackage = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (inPackage) packages.add(inPackage[1]!);
    else if (url.startsWith(SOURCE_ROOT)) sources.add(url.slice(SOURCE_ROOT.length));
    return nextLoad(url, context);
  },
});

const { loadConfig } = await import('../../src/config/index.ts');
const { createLogger } = await import('../../src/logger.ts');
const { startGateway } = await import('../../src/server.ts');
const { SEED } = await import('../../src/simulator/seed.ts');

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
const running = await startGateway(config, createLogger('info', silent));
const query = readFileSync(
  new URL('../../schema/operations/ProjectDashboard.graphql', import.meta.url),
  'utf8',
);
for (let run = 0; run < Number(process.argv[2] ?? 0); run++) {
  const response = await fetch(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // With TRUSTED_DOCUMENTS, the dashboard is sent by its hash (only trusted documents are compiled).
    body: JSON.stringify(
      process.env.TRUSTED_DOCUMENTS
        ? {
            variables: { projectId: SEED.projectId },
            extensions: {
              persistedQuery: {
                version: 1,
                sha256Hash: createHash('sha256').update(query).digest('hex'),
              },
            },
          }
        : { query, variables: { projectId: SEED.projectId } },
    ),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`the dashboard failed: ${JSON.stringify(body.errors)}`);
}
await running.close();
process.stdout.write(JSON.stringify({ packages: [...packages], sources: [...sources] }));
