import type { OperationDefinitionNode } from 'graphql';
import { MAX_OPERATION_NAME_LENGTH } from '../metrics.ts';

/**
 * The operation's name as log lines and spans show it (null when it has none). Clients choose it: cut to
 * MAX_OPERATION_NAME_LENGTH characters, so that one request cannot write a body-sized name into them.
 */
export function shownOperationName(
  operation: OperationDefinitionNode | null | undefined,
): string | null {
  const name = operation?.name?.value;
  if (name === undefined) return null;
  return name.length > MAX_OPERATION_NAME_LENGTH
    ? `${name.slice(0, MAX_OPERATION_NAME_LENGTH)}…`
    : name;
}
