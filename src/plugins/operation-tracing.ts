import type { Span } from '@opentelemetry/api';
import {
  type DocumentNode,
  type ExecutionResult,
  getOperationAST,
  Kind,
  print,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';
import type { UpstreamSession } from '../graph/loaders/upstream-session.ts';
import type { Tracing } from '../open-telemetry.ts';
import { shownOperationName } from './operation-name.ts';

/**
 * One span per executed operation, continuing the caller's trace (its `traceparent`), kept under the
 * operation's upstream session so that its upstream calls (yoga.ts, the session's scope) become its children.
 */
export function operationTracing(
  tracing: Tracing,
  spans: WeakMap<UpstreamSession, Span>,
): Plugin<GraphContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const span = tracing.startOperation(
        args.contextValue.request.headers,
        shownOperationName(operation),
        operation?.operation ?? 'query',
        documentWithoutLiterals(args.document),
      );
      spans.set(args.contextValue.upstream, span);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? ((result as ExecutionResult).errors ?? []) : [];
          tracing.endOperation(
            span,
            errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          );
        },
      };
    },
  };
}

/** Yoga parses each distinct document once and reuses it, so each is printed once. */
const printed = new WeakMap<DocumentNode, string>();

/**
 * The document as `graphql.document` shows it: every string and number literal replaced by an empty
 * one, since a caller may write a value inline rather than in a variable (and variables are never shown).
 */
function documentWithoutLiterals(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(
      visit(document, {
        [Kind.STRING]: () => ({ kind: Kind.STRING, value: '' }),
        [Kind.INT]: () => ({ kind: Kind.INT, value: '0' }),
        [Kind.FLOAT]: () => ({ kind: Kind.FLOAT, value: '0' }),
      }),
    );
    printed.set(document, text);
  }
  return text;
}
