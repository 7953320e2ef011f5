import type { Logger } from 'pino';
import type { Caller } from '../auth/caller.ts';
import type { PollHub } from './live/poll-hub.ts';
import type { Loaders } from './loaders/index.ts';
import type { UpstreamSession } from './loaders/upstream-session.ts';

/** What every resolver of one operation shares. */
export interface GraphContext {
  requestId: string;
  /** The process's logger: a line about the operation carries `requestId` itself (no child per request). */
  logger: Logger;
  upstream: UpstreamSession;
  loaders: Loaders;
  /** Who sent the request (src/auth/): the project scope rule (src/graph/project-scope.ts) reads its projects. */
  caller: Caller;
  /** The gateway's one poller of watched operations (`pipelineRunUpdated`, ...), shared by every operation. */
  polls: PollHub;
  /**
   * Called by every mutation, after it succeeded and before its payload resolves, with the objects it
   * changed (a response cache drops the entries holding them). Optional: nothing is cached without it.
   */
  invalidate?: (entities: readonly CachedEntity[]) => void | Promise<void>;
}

/** An object as response caches key it: its GraphQL type and global ID. */
export interface CachedEntity {
  typename: string;
  id: string;
}
