import { GraphQLError } from 'graphql';

/** Input refused before any upstream call: `BAD_USER_INPUT`, naming the argument at fault. */
export function userInputError(message: string, argumentPath?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: argumentPath
      ? { code: 'BAD_USER_INPUT', argument: argumentPath }
      : { code: 'BAD_USER_INPUT' },
  });
}
