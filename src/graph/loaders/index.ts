import { PipelineLoader } from './pipeline-loader.ts';
import { RequestLoader } from './request-loader.ts';
import { SnapshotLoader } from './snapshot-loader.ts';
import type { UpstreamSession } from './upstream-session.ts';
import { WindowLoader } from './window-loader.ts';

/** The per-operation loaders: nothing here outlives one GraphQL operation or crosses credentials. */
export interface Loaders {
  requests: RequestLoader;
  windows: WindowLoader;
  pipelines: PipelineLoader;
  snapshots: SnapshotLoader;
}

export function createLoaders(session: UpstreamSession): Loaders {
  const requests = new RequestLoader(session);
  return {
    requests,
    windows: new WindowLoader(requests),
    pipelines: new PipelineLoader(requests),
    snapshots: new SnapshotLoader(requests),
  };
}
