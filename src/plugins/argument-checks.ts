import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { userInputError } from '../errors/catalogue.ts';
import { isClusterName, isPipelineName } from '../graph/lib/patterns.ts';
import { checkSize, listKindOf } from '../graph/relay/connection.ts';
import { readCursor } from '../graph/relay/cursor.ts';
import { decodeGlobalId } from '../graph/relay/global-id.ts';
import { MAX_NODES } from '../graph/relay/node-fields.ts';

/** By-key fields taking a `name`: the contract's pattern for it, and what the message calls it. */
const NAME_PATTERNS: Record<string, [check: (name: string) => boolean, noun: string]> = {
  Pipeline: [isPipelineName, 'pipeline name'],
  Cluster: [isClusterName, 'cluster name'],
  FlexCluster: [isClusterName, 'Flex cluster name'],
  ServerlessInstance: [isClusterName, 'serverless instance name'],
};

/** The checks one field's arguments get, by what the field returns; the first failure is thrown. */
function checkArguments(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): void {
  const type = getNamedType(field.type);
  if (type.name.endsWith('Connection')) {
    if (args.first != null && args.last != null)
      throw userInputError('Give "first" or "last", not both.', 'first');
    checkSize(args.first as number | null | undefined, 'first');
    checkSize(args.last as number | null | undefined, 'last');
    for (const argument of ['after', 'before'] as const) {
      const cursor = args[argument];
      if (typeof cursor === 'string') readCursor(cursor, listKindOf(type.name), argument);
    }
  }
  for (const argument of field.args) {
    if (getNamedType(argument.type).name !== 'ID') continue;
    const value = args[argument.name];
    if (typeof value === 'string') decodeGlobalId(value, argument.name);
    if (Array.isArray(value) && value.length > MAX_NODES)
      throw userInputError(
        `"${argument.name}" holds ${value.length} IDs; at most ${MAX_NODES} are allowed.`,
        argument.name,
      );
    if (Array.isArray(value))
      value.forEach(
        (id, i) => void (typeof id === 'string' && decodeGlobalId(id, `${argument.name}.${i}`)),
      );
  }
  const pattern = NAME_PATTERNS[type.name];
  if (pattern && typeof args.name === 'string' && !pattern[0](args.name))
    throw userInputError(`"${args.name}" is not a valid ${pattern[1]}.`, 'name');
}

/**
 * The errors of every field's arguments in the operation, with its variables: page sizes, `first` with
 * `last`, cursors (structure, version and list kind), global IDs and name patterns. Fields under @skip
 * or @include(if: false) are left out; variables that do not coerce are left to execution.
 */
export function argumentErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    rawVariables ?? {},
  );
  if (coerced.errors) return [];
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const errors: GraphQLError[] = [];
  const visited = new Set<string>();
  const included = (node: { directives?: readonly unknown[] }) => {
    const field = node as FieldNode;
    if (getDirectiveValues(GraphQLSkipDirective, field, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, field, variables)?.if !== false;
  };

  const walk = (parent: GraphQLNamedType, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        try {
          checkArguments(field, getArgumentValues(field, selection, variables));
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          errors.push(
            new GraphQLError(error.message, {
              nodes: [selection],
              extensions: error.extensions,
            }),
          );
        }
        if (selection.selectionSet && isCompositeType(type)) walk(type, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? typeFromAST(schema, selection.typeCondition)
          : parent;
        if (type && isCompositeType(type)) walk(type, selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && typeFromAST(schema, fragment.typeCondition);
        const key = `${selection.name.value} ${parent.name}`;
        if (!fragment || !type || !isCompositeType(type) || visited.has(key)) continue;
        visited.add(key);
        walk(type, fragment.selectionSet);
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(root, operation.selectionSet);
  return errors;
}

/**
 * Bad arguments anywhere in the document are refused before execution starts, so that no upstream call
 * is made first (a by-key parent, a sibling list) and the most precise error wins over the cost limit:
 * placed before src/plugins/operation-cost.ts.
 */
export function argumentChecks(): Plugin {
  const errorsOf = ({ args }: Pick<Parameters<NonNullable<Plugin['onSubscribe']>>[0], 'args'>) =>
    argumentErrors(
      args.schema,
      args.document,
      args.variableValues as Record<string, unknown> | undefined,
      args.operationName,
    );
  return {
    onExecute(payload) {
      const errors = errorsOf(payload);
      if (errors.length > 0) payload.setResultAndStopExecution({ errors });
    },
    onSubscribe(payload) {
      const errors = errorsOf(payload);
      if (errors.length > 0) payload.setResultAndStopExecution({ errors });
    },
  };
}
