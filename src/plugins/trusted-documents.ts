import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { TrustedDocumentsMode } from '../config/index.ts';
import { readManifest } from '../trusted-documents/manifest.ts';

/**
 * TRUSTED_DOCUMENTS: `allow` also runs a document named by the hash of a trusted one
 * (`extensions.persistedQuery.sha256Hash`); `only` runs nothing else. The manifest is read once.
 */
export function trustedDocuments(mode: TrustedDocumentsMode): Plugin[] {
  if (mode === 'off') return [];
  const documents = readManifest();
  const notFound = (message: string) => ({
    message,
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
  });
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.get(hash) ?? null,
      allowArbitraryOperations: mode === 'allow',
      customErrors: {
        notFound: notFound(
          'No trusted document has this hash (see schema/trusted-documents.json).',
        ),
        persistedQueryOnly: notFound(
          'This gateway runs trusted documents only: send extensions.persistedQuery.sha256Hash from schema/trusted-documents.json instead of a query.',
        ),
        keyNotFound: {
          message: 'Send a query, or extensions.persistedQuery.sha256Hash of a trusted document.',
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        },
      },
    }),
  ];
}
