import { userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import { decodeGlobalId } from './global-id.ts';
import { NodeRef, refetch } from './node.ts';

export const MAX_NODES = 100;

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
    description: `Objects by global ID, in order (at most ${MAX_NODES}); a missing or foreign one is null with its own error, a malformed one refuses the operation before any upstream call.`,
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
