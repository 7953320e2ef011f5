import type { AtlasConnectionStrings } from '../../atlas/clusters.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

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

/** What every kind of deployment's description holds, whatever its media type. */
interface Description {
  id?: string;
  stateName?: string;
  mongoDBVersion?: string;
  createDate?: string;
  terminationProtectionEnabled?: boolean;
  connectionStrings?: AtlasConnectionStrings;
}

/**
 * The fields a dedicated cluster, a Flex cluster and a serverless instance share, each read from the
 * one description `described` loads (one GET, none when a list of this operation held it).
 */
export function describedFields<Parent>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Parent>,
  described: (parent: Parent, context: GraphContext) => Promise<Description>,
) {
  return {
    atlasId: t.field({
      type: 'ObjectId',
      resolve: async (parent, _, context) => (await described(parent, context)).id ?? null,
    }),
    state: t.field({
      type: DeploymentState.ref,
      resolve: async (parent, _, context) =>
        DeploymentState.known((await described(parent, context)).stateName, context),
    }),
    mongoDBVersion: t.string({
      resolve: async (parent, _, context) =>
        (await described(parent, context)).mongoDBVersion ?? null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      resolve: async (parent, _, context) => (await described(parent, context)).createDate ?? null,
    }),
    terminationProtectionEnabled: t.boolean({
      resolve: async (parent, _, context) =>
        (await described(parent, context)).terminationProtectionEnabled ?? null,
    }),
    connectionStrings: t.field({
      type: ConnectionStringsRef,
      resolve: async (parent, _, context) =>
        (await described(parent, context)).connectionStrings ?? null,
    }),
  };
}
