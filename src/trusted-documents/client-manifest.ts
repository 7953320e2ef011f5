import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DocumentNode, type GraphQLSchema, getOperationAST, parse, validate } from 'graphql';
import { ConfigError } from '../config/index.ts';

/** A client app's trusted documents, as TRUSTED_DOCUMENTS serves them: id (no `sha256:` prefix) → document. */
export interface ClientManifest {
  documents: ReadonlyMap<string, string>;
  /** The operations' names, which metrics keep as labels of their own (src/metrics.ts). */
  names: string[];
}

/** As the file holds it: checked by checkEntry. */
interface Entry {
  id: unknown;
  body: unknown;
}

/** Ids of these forms are digests of the document, and are checked: Apollo's default, Code Generator's, Relay's. */
const DIGESTS = [
  { algorithm: 'sha256', pattern: /^(?:sha256:)?([0-9a-f]{64})$/i },
  { algorithm: 'sha1', pattern: /^([0-9a-f]{40})$/i },
  { algorithm: 'md5', pattern: /^([0-9a-f]{32})$/i },
];

/** The id a client sends for a document: Code Generator's `sha256:<hex>` and Apollo's `<hex>` are one id. */
export const bareDocumentId = (id: string) => id.replace(/^sha256:/, '');

/** The most bad entries one message lists: enough to fix them, short enough to read. */
const MAX_REPORTED = 10;

/**
 * Reads TRUSTED_DOCUMENTS_MANIFEST: an Apollo persisted query manifest
 * (`{format: 'apollo-persisted-query-manifest', version: 1, operations: [{id, name, type, body}]}`, from
 * `generate-persisted-query-manifest`) or a `{id: document}` map (GraphQL Code Generator's client preset
 * `persisted-documents.json`, Relay's persisted queries). Every document must parse and validate against
 * the schema, and an id that is a digest must be the document's. Any problem stops the start: a
 * ConfigError naming the file and each bad entry (src/main.ts exits 2).
 */
export function readClientManifest(path: string, schema: GraphQLSchema): ClientManifest {
  const file = resolve(path);
  const fail = (problems: string[]): never => {
    throw new ConfigError(
      problems.map((problem) => `TRUSTED_DOCUMENTS_MANIFEST ${file}: ${problem}`),
    );
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail([`cannot read the file (${(error as NodeJS.ErrnoException).code ?? error}).`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail([`is not JSON (${(error as Error).message}).`]);
  }
  const entries = readEntries(json);
  if (typeof entries === 'string') return fail([entries]);
  if (entries.length === 0) return fail(['holds no documents.']);

  const problems: string[] = [];
  const documents = new Map<string, string>();
  const names: string[] = [];
  for (const [index, { id, body }] of entries.entries()) {
    const where = `entry ${index + 1}${typeof id === 'string' ? ` (id ${JSON.stringify(id)})` : ''}`;
    if (typeof id !== 'string' || id.trim() === '') {
      problems.push(`${where}: has no id (a non-empty string).`);
      continue;
    }
    if (typeof body !== 'string' || body.trim() === '') {
      problems.push(`${where}: has no document (a non-empty string).`);
      continue;
    }
    const problem = checkEntry(id, body, schema, names);
    if (problem) problems.push(`${where}: ${problem}`);
    const key = bareDocumentId(id);
    if (documents.has(key) && documents.get(key) !== body)
      problems.push(`${where}: another entry has this id and a different document.`);
    documents.set(key, body);
  }
  if (problems.length > MAX_REPORTED) {
    const more = problems.length - MAX_REPORTED;
    problems.splice(MAX_REPORTED, more, `and ${more} more bad entries.`);
  }
  if (problems.length > 0) fail(problems);
  return { documents, names: [...new Set(names)] };
}

function readEntries(json: unknown): Entry[] | string {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return 'is neither an Apollo persisted query manifest nor a {"<id>": "<document>"} map.';
  if ('format' in json) {
    const manifest = json as { format: unknown; version?: unknown; operations?: unknown };
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1)
      return `has format ${JSON.stringify(manifest.format)} version ${JSON.stringify(manifest.version)}; only "apollo-persisted-query-manifest" version 1 is known.`;
    if (!Array.isArray(manifest.operations))
      return 'is an Apollo persisted query manifest without an "operations" array.';
    return manifest.operations.map((operation: unknown) => {
      const { id, body } = (operation ?? {}) as Partial<Entry>;
      return { id, body };
    });
  }
  return Object.entries(json).map(([id, body]) => ({ id, body }));
}

/** What is wrong with one entry, if anything; collects its operations' names. */
function checkEntry(
  id: string,
  body: string,
  schema: GraphQLSchema,
  names: string[],
): string | undefined {
  const digest = DIGESTS.find(({ pattern }) => pattern.test(id));
  if (digest) {
    const expected = createHash(digest.algorithm).update(body).digest('hex');
    if (id.match(digest.pattern)![1]!.toLowerCase() !== expected)
      return `the id is no ${digest.algorithm} of the document (that is ${expected}).`;
  }
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
  const errors = validate(schema, document);
  if (errors.length > 0) {
    const operation = getOperationAST(document);
    const label = operation?.name ? `operation ${operation.name.value}` : 'the document';
    return `${label} does not validate against the schema: ${errors.map((error) => error.message).join(' ')}`;
  }
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name)
      names.push(definition.name.value);
  }
  return undefined;
}
