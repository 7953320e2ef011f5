import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { TrustedDocumentsMode } from '../config/index.ts';
import { badRequest, persistedQueryNotFound } from '../errors/catalogue.ts';
import { readManifest } from '../trusted-documents/manifest.ts';

/** Requests whose document came from the trusted store (named by its hash, not sent as text). */
const fromStore = new WeakSet<Request>();

/** True when the request's document is a trusted one, fetched from the store by its hash. */
export const isTrustedDocument = (request: Request): boolean => fromStore.has(request);

/**
 * TRUSTED_DOCUMENTS: `allow` also runs a document named by the hash of a trusted one
 * (`extensions.persistedQuery.sha256Hash`); `only` runs nothing else. The manifest is read once.
 */
export function trustedDocuments(mode: TrustedDocumentsMode, manifest?: URL): Plugin[] {
  if (mode === 'off') return [];
  const documents = readManifest(manifest);
  return [
    {
      // Runs before the store's plugin: a request without text names a stored document by its hash (an
      // unknown hash is refused there, before execution); a request with text keeps its own.
      onParams({ params, request }) {
        if (!params.query) fromStore.add(request);
      },
    },
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
