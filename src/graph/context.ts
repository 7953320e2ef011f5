import type { Logger } from 'pino';
import type { Loaders } from './loaders/index.ts';
import type { UpstreamSession } from './loaders/upstream-session.ts';

/** What every resolver of one operation shares. */
export interface GraphContext {
  requestId: string;
  logger: Logger;
  upstream: UpstreamSession;
  loaders: Loaders;
}
