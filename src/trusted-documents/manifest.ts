import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';

/**
 * The trusted documents: every operation in schema/operations, published as an Apollo persisted query
 * manifest (the format routers and Apollo's client tooling read), each keyed by the SHA-256 of its body.
 */
export const OPERATIONS_DIR = new URL('../../schema/operations/', import.meta.url);
export const MANIFEST_FILE = new URL('../../schema/trusted-documents.json', import.meta.url);

export interface TrustedDocument {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface TrustedDocumentsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedDocument[];
}

export const documentHash = (body: string) => createHash('sha256').update(body).digest('hex');

/** Builds the manifest from the operation files, in file name order so the output is stable. */
export function buildManifest(): TrustedDocumentsManifest {
  const operations = readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file): TrustedDocument => {
      const body = readFileSync(new URL(file, OPERATIONS_DIR), 'utf8');
      const operation = getOperationAST(parse(body));
      if (!operation?.name) throw new Error(`${file} must hold exactly one named operation.`);
      return {
        id: documentHash(body),
        name: operation.name.value,
        type: operation.operation,
        body,
      };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export const printedManifest = () => `${JSON.stringify(buildManifest(), null, 2)}\n`;

/** The committed manifest, as the gateway serves it: id → document. */
const readOperations = (file: URL) =>
  (JSON.parse(readFileSync(file, 'utf8')) as TrustedDocumentsManifest).operations;

export function readManifest(file: URL = MANIFEST_FILE): ReadonlyMap<string, string> {
  return new Map(readOperations(file).map((operation) => [operation.id, operation.body]));
}

/** The names of the trusted documents, which are the example operations of schema/operations. */
export const readOperationNames = (file: URL = MANIFEST_FILE): string[] =>
  readOperations(file).map((operation) => operation.name);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(MANIFEST_FILE, printedManifest());
  console.log(`wrote ${MANIFEST_FILE.pathname}`);
}
