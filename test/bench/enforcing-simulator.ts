/**
 * The simulator for the many-viewers bench (many-viewers.ts): Atlas's default token buckets enforced
 * (429 RATE_LIMITED_TOKEN_BUCKET when one is empty), fixed latency from BENCH_LATENCY_MS. Over IPC:
 * `reset` puts it back to its seed with full buckets and an empty request log; `count` answers the API
 * requests received since, and how many were answered 429.
 */
import { startSimulator } from '../../src/simulator/index.ts';

const simulator = await startSimulator({
  latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20),
  enforceRateLimits: true,
  maxRecordedRequests: 1_000_000,
});
process.on('message', (message: { command: 'reset' | 'count' }) => {
  if (message.command === 'reset') simulator.reset();
  const api = simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/'));
  process.send!({
    command: message.command,
    count: api.length,
    throttled: api.filter((r) => r.status === 429).length,
  });
});
process.send!({ url: simulator.url });
process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
