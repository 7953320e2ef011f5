import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** What the gateway answers (docs/http.md), typed by the document sent. */
export interface TypedResult<Result> {
  data?: Result | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * Sends one of the typed documents of ./generated/ (`npm run codegen`) to the gateway: tsc checks the
 * variables against the operation's, and the answer is typed by its selection. With `persisted`, only the
 * document's hash goes (`extensions.persistedQuery`), as a gateway with `TRUSTED_DOCUMENTS=only` and
 * `TRUSTED_DOCUMENTS_MANIFEST=examples/typed-client/generated/persisted-documents.json` asks.
 */
export async function request<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  {
    persisted = false,
    headers = {},
  }: { persisted?: boolean; headers?: Record<string, string> } = {},
): Promise<TypedResult<Result>> {
  // GraphQL Code Generator's client preset adds the hash it wrote to persisted-documents.json.
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (persisted && !hash) throw new Error('This document has no hash: run `npm run codegen`.');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify(
      persisted
        ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }
        : { query: print(document), variables },
    ),
  });
  return (await response.json()) as TypedResult<Result>;
}
