import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { TrustedDocumentsMode } from '../config/index.ts';
import { badRequest, persistedQueryNotFound } from '../errors/catalogue.ts';
import { bareDocumentId } from '../trusted-documents/client-manifest.ts';
import { readManifest } from '../trusted-documents/manifest.ts';

/** Requests whose document came from the trusted store (named by its hash, not sent as text). */
const fromStore = new WeakSet<Request>();

/** True when the request's document is a trusted one, fetched from the store by its hash. */
export const isTrustedDocument = (request: Request): boolean => fromStore.has(request);

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
    {
      // Runs before the store's plugin: a request without text names a stored document by its hash (an
      // unknown hash is refused there, before execution); a request with text keeps its own.
      onParams({ params, request }) {
        if (!params.query) fromStore.add(request);
      },
    },
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
