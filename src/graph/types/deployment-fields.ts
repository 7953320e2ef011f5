import type { AtlasConnectionStrings } from '../../atlas/clusters.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

// Fields that dedicated clusters, Flex clusters and serverless instances share, in one shape for all three.

export const DeploymentState = upstreamEnum(
  'DeploymentState',
  ['IDLE', 'CREATING', 'UPDATING', 'DELETING', 'REPAIRING'],
  'Where a cluster or instance is in its life (Atlas `stateName`; a paused cluster is IDLE with `paused`).',
);

/**
 * Atlas's connection strings carry no credentials, and the contract keeps them out; should one ever
 * hold a `user:password@` part, it is cut here, so no password leaves through the graph.
 */
export function withoutCredentials(uri: string | undefined): string | null {
  if (typeof uri !== 'string') return null;
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1');
}

export const ConnectionStringsRef = builder
  .objectRef<AtlasConnectionStrings>('ConnectionStrings')
  .implement({
    description:
      'How clients reach a cluster: URIs without credentials (a client adds its own user).',
    fields: (t) => ({
      standard: t.string({ resolve: (strings) => withoutCredentials(strings.standard) }),
      standardSrv: t.string({ resolve: (strings) => withoutCredentials(strings.standardSrv) }),
      private: t.string({
        description: 'Over network peering, when configured.',
        resolve: (strings) => withoutCredentials(strings.private),
      }),
      privateSrv: t.string({ resolve: (strings) => withoutCredentials(strings.privateSrv) }),
    }),
  });
