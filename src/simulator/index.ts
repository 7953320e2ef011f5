/** The Atlas simulator: a second, independent implementation of the Atlas Admin API contract subset. */

export { SEED, SEED_EPOCH, type Seed } from './seed.ts';
export { startSimulator } from './server.ts';
export type {
  FaultRule,
  GoneFamily,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from './types.ts';
