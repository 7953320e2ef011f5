/**
 * Standalone runner (`npm run simulator`). Environment: SIMULATOR_PORT (4010), SIMULATOR_HOST
 * (127.0.0.1; 0.0.0.0 in docker), SIMULATOR_LATENCY_MS, SIMULATOR_JITTER_MS,
 * SIMULATOR_PUBLIC_API_KEY + SIMULATOR_PRIVATE_API_KEY (Digest), SIMULATOR_CLIENT_ID +
 * SIMULATOR_CLIENT_SECRET (service account), SIMULATOR_RUN_DURATION_MS, SIMULATOR_ENFORCE_RATE_LIMITS
 * (`true`: answer 429 when a bucket is empty, as Atlas does).
 */
import { startSimulator } from './server.ts';
import type { SimulatorOptions } from './types.ts';

function numberFromEnv(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function pairFromEnv(first: string, second: string): [string, string] | undefined {
  const a = process.env[first];
  const b = process.env[second];
  if (!a && !b) return undefined;
  if (!a || !b) throw new Error(`Set both ${first} and ${second}, or neither`);
  return [a, b];
}

function optionsFromEnv(): SimulatorOptions {
  const digest = pairFromEnv('SIMULATOR_PUBLIC_API_KEY', 'SIMULATOR_PRIVATE_API_KEY');
  const client = pairFromEnv('SIMULATOR_CLIENT_ID', 'SIMULATOR_CLIENT_SECRET');
  return {
    port: numberFromEnv('SIMULATOR_PORT', 4010),
    host: process.env.SIMULATOR_HOST || '127.0.0.1',
    latencyMs: numberFromEnv('SIMULATOR_LATENCY_MS'),
    jitterMs: numberFromEnv('SIMULATOR_JITTER_MS'),
    runDurationMs: numberFromEnv('SIMULATOR_RUN_DURATION_MS'),
    enforceRateLimits: process.env.SIMULATOR_ENFORCE_RATE_LIMITS === 'true',
    // Nobody can read the request log of a standalone simulator: keep memory flat.
    maxRecordedRequests: 0,
    digest: digest && { publicKey: digest[0], privateKey: digest[1] },
    serviceAccount: client && { clientId: client[0], clientSecret: client[1] },
  };
}

async function main(): Promise<void> {
  const options = optionsFromEnv();
  const simulator = await startSimulator(options);
  const auth =
    [options.digest && 'digest', options.serviceAccount && 'service account']
      .filter(Boolean)
      .join(' + ') || 'none';
  console.log(
    `Atlas simulator listening on http://${options.host}:${new URL(simulator.url).port} (auth: ${auth})`,
  );
  const shutdown = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
