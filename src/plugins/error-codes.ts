import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Parse and validation failures carry catalogue codes, like every other error (docs/errors.md). A bad literal
 * written in the document fails validation (graphql-js checks literals there), so the scalar's own
 * BAD_USER_INPUT becomes GRAPHQL_VALIDATION_FAILED; codes set by limit rules stay. With introspection
 * off, "Did you mean" suggestions would leak the schema, so they are cut.
 */
export function errorCodes(hideSuggestions: boolean): Plugin {
  const recode = (error: Error, code: string) => {
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error.message);
    const message = hideSuggestions
      ? graphqlError.message.replace(/ Did you mean .*$/, '')
      : graphqlError.message;
    const given = graphqlError.extensions?.code;
    const finalCode = given && given !== 'BAD_USER_INPUT' ? given : code;
    if (given === finalCode && message === graphqlError.message) return graphqlError;
    return new GraphQLError(message, {
      nodes: graphqlError.nodes,
      source: graphqlError.source,
      positions: graphqlError.positions,
      extensions: { ...graphqlError.extensions, code: finalCode },
    });
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
