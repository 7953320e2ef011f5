import { GraphQLError } from 'graphql';

export type LimitName =
  | 'depth'
  | 'aliases'
  | 'tokens'
  | 'directives'
  | 'cost'
  | 'bodyBytes'
  | 'urlBytes';

/**
 * Every refusal by a limit, whichever library found it (docs/errors.md): the code, which limit and its value,
 * so a client can tell which knob its operation hit.
 */
export function operationLimitError(
  limit: LimitName,
  value: number,
  message: string,
  http?: { status: number; headers?: Record<string, string> },
): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'OPERATION_LIMIT', limit, value, ...(http ? { http } : {}) },
  });
}
