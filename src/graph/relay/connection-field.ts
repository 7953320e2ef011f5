import type { InputFieldMap, InputShapeFromFields, ObjectRef } from '@pothos/core';
import type { Collection } from '../../atlas/collection.ts';
import type { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import {
  type ConnectionArgs,
  type ConnectionShape,
  type ConnectionSource,
  connectionArgs,
  resolveConnection,
} from './connection.ts';
import { collectionSource } from './connection-sources.ts';

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

interface ConnectionFieldOptions<Parent, Node, Raw, Extra extends InputFieldMap> {
  type: ObjectRef<SchemaTypes, ConnectionShape<Node>>;
  description: string;
  deprecationReason?: string;
  /** Arguments after Relay's four. */
  args?: Extra;
  /** The list: an Atlas collection (paged upstream through the window loader), or any other source. */
  list: (
    parent: Parent,
    args: ConnectionArgs & InputShapeFromFields<Extra>,
    context: GraphContext,
  ) => Collection | ConnectionSource<Raw>;
  /** What an item resolves to; the item itself when omitted. */
  node?: (raw: Raw, parent: Parent) => Node;
}

/** A non-null connection field: Relay's paging arguments, checked, over the list `list` names. */
export function connectionField<
  Parent,
  Node,
  Raw = Node,
  Extra extends InputFieldMap = Record<never, never>,
>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Parent>,
  {
    type,
    description,
    deprecationReason,
    args,
    list,
    node,
  }: ConnectionFieldOptions<Parent, Node, Raw, Extra>,
) {
  return t.field({
    type,
    nullable: false,
    description,
    ...(deprecationReason === undefined ? {} : { deprecationReason }),
    args: { ...connectionArgs(t.arg), ...(args as Extra) },
    resolve: (parent, fieldArgs, context, info) => {
      const from = list(parent, fieldArgs as never, context);
      const source = 'window' in from ? from : collectionSource<Raw>(from, context);
      return resolveConnection(fieldArgs, info, source, (raw) =>
        node ? node(raw, parent) : (raw as unknown as Node),
      );
    },
  });
}
