import { isNotFound } from '../atlas/errors.ts';
import { builder } from './builder.ts';
import type { GraphContext } from './context.ts';
import { decodeGlobalId, type GlobalId, type NodeTypeName } from './global-id.ts';
import { globalIdOf, type NodeShape } from './shapes.ts';
import { assertProjectAllowed } from './project-scope.ts';
import { userInputError } from './user-input-error.ts';

export const MAX_NODES = 100;

export const NodeRef = builder.interfaceRef<NodeShape>('Node').implement({
  description:
    'An object with a global ID: `node(id)` refetches it with one upstream call at most.',
  resolveType: (node) => node.kind,
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'Global, opaque ID.', resolve: globalIdOf }),
  }),
});

type Refetch = (id: GlobalId, context: GraphContext) => Promise<NodeShape | null>;
const refetchers = new Map<NodeTypeName, Refetch>();

/** Each entity file registers how to load its type from a decoded global ID. */
export function registerRefetch(type: NodeTypeName, refetch: Refetch): void {
  refetchers.set(type, refetch);
}

/** Loads a node; an object gone upstream is null without an error (docs/graph.md). */
async function refetch(id: GlobalId, context: GraphContext): Promise<NodeShape | null> {
  // The global ID carries its project: a foreign one is refused without a call, even for a Project.
  assertProjectAllowed(context, id.groupId);
  try {
    return await refetchers.get(id.type)!(id, context);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    description: 'Any object by its global ID.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, args, context) => refetch(decodeGlobalId(String(args.id), 'id'), context),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: `Objects by global ID, in order (at most ${MAX_NODES}); a bad or missing one is null with its own error.`,
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_, args, context) => {
      if (args.ids.length > MAX_NODES) {
        throw userInputError(
          `"ids" holds ${args.ids.length} IDs; at most ${MAX_NODES} are allowed.`,
          'ids',
        );
      }
      return args.ids.map(async (id, i) =>
        refetch(decodeGlobalId(String(id), `ids.${i}`), context),
      );
    },
  }),
}));
