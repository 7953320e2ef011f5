import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { TrustedDocumentsMode } from '../config/index.ts';
import { badRequest, persistedQueryNotFound } from '../errors/catalogue.ts';
import { readManifest } from '../trusted-documents/manifest.ts';

/**
 * TRUSTED_DOCUMENTS: `allow` also runs a document named by the hash of a trusted one
 * (`extensions.persistedQuery.sha256Hash`); `only` runs nothing else. The manifest is read once.
 */
export function trustedDocuments(mode: TrustedDocumentsMode): Plugin[] {
  if (mode === 'off') return [];
  const documents = readManifest();
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.get(hash) ?? null,
      allowArbitraryOperations: mode === 'allow',
      customErrors: {
        notFound: persistedQueryNotFound(
          'No trusted document has this hash (see schema/trusted-documents.json).',
        ),
        persistedQueryOnly: persistedQueryNotFound(
          'This gateway runs trusted documents only: send extensions.persistedQuery.sha256Hash from schema/trusted-documents.json instead of a query.',
        ),
        keyNotFound: badRequest(
          'Send a query, or extensions.persistedQuery.sha256Hash of a trusted document.',
          400,
        ),
      },
    }),
  ];
}
