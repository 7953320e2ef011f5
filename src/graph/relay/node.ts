import { isNotFound } from '../../atlas/errors.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { globalIdOf, type NodeShape } from '../types/shapes.ts';
import type { GlobalId, NodeTypeName } from './global-id.ts';

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
export async function refetch(id: GlobalId, context: GraphContext): Promise<NodeShape | null> {
  try {
    return await refetchers.get(id.type)!(id, context);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
