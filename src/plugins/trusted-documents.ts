import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { TrustedDocumentsMode } from '../config/index.ts';
import { badRequest, persistedQueryNotFound } from '../errors/catalogue.ts';
import { bareDocumentId } from '../trusted-documents/client-manifest.ts';
import { readManifest } from '../trusted-documents/manifest.ts';

/**
 * TRUSTED_DOCUMENTS: `allow` also runs a document named by the hash of a trusted one
 * (`extensions.persistedQuery.sha256Hash`); `only` runs nothing else. The trusted documents are the
 * app's own when TRUSTED_DOCUMENTS_MANIFEST names them (read and checked at start), else the repository's
 * schema/trusted-documents.json. A hash may carry GraphQL Code Generator's `sha256:` prefix.
 */
export function trustedDocuments(
  mode: TrustedDocumentsMode,
  clientDocuments?: ReadonlyMap<string, string>,
): Plugin[] {
  if (mode === 'off') return [];
  const documents = clientDocuments ?? readManifest();
  const source = clientDocuments
    ? "the app's trusted documents (TRUSTED_DOCUMENTS_MANIFEST)"
    : 'schema/trusted-documents.json';
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.get(bareDocumentId(hash)) ?? null,
      allowArbitraryOperations: mode === 'allow',
      customErrors: {
        notFound: persistedQueryNotFound(`No trusted document has this hash (see ${source}).`),
        persistedQueryOnly: persistedQueryNotFound(
          `This gateway runs trusted documents only: send extensions.persistedQuery.sha256Hash from ${source} instead of a query.`,
        ),
        keyNotFound: badRequest(
          'Send a query, or extensions.persistedQuery.sha256Hash of a trusted document.',
          400,
        ),
      },
    }),
  ];
}
