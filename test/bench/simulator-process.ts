/**
 * The simulator in a process of its own for the bench, so that it does not share an event loop with the
 * load generator. Fixed latency from BENCH_LATENCY_MS. Over IPC: `clear` empties its request log,
 * `count` answers how many API requests it received since (the log keeps the last 10,000).
 */
import { startSimulator } from '../../src/simulator/index.ts';

const simulator = await startSimulator({ latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20) });
process.on('message', (message: { command: 'clear' | 'count' }) => {
  if (message.command === 'clear') simulator.clearRequests();
  const count = simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/')).length;
  process.send!({ command: message.command, count });
});
process.send!({ url: simulator.url });
process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
