import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { recoded } from '../errors/catalogue.ts';

/**
 * Parse and validation failures carry catalogue codes, like every other error (docs/errors.md). A bad literal
 * written in the document fails validation (graphql-js checks literals there), so the scalar's own
 * BAD_USER_INPUT becomes GRAPHQL_VALIDATION_FAILED; codes set by limit rules stay. With introspection
 * off, "Did you mean" suggestions would leak the schema, so they are cut.
 */
export function errorCodes(hideSuggestions: boolean): Plugin {
  const recode = (error: Error, code: Parameters<typeof recoded>[1]) => {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error.message);
    const message = hideSuggestions
      ? graphqlError.message.replace(/ Did you mean .*$/, '')
      : graphqlError.message;
    return recoded(graphqlError, code, message);
  };
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof Error) replaceParseResult(recode(result, 'GRAPHQL_PARSE_FAILED'));
      };
    },
    onValidate({ addValidationRule }) {
      if (hideSuggestions) addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ result, setResult }) => {
        if (result.length > 0)
          setResult(result.map((error) => recode(error, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
  };
}
