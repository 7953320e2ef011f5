import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectDashboardDocument } from '../../examples/typed-client/generated/graphql.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { SEED } from '../../src/simulator/index.ts';
import { buildManifest } from '../../src/trusted-documents/manifest.ts';
import { createGateway } from '../../src/yoga.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CODEGEN_MAP = join(ROOT, 'examples/typed-client/generated/persisted-documents.json');
const DASHBOARD_FIRST_CALL = `GET /groups/${SEED.projectId}/pipelines`;
const ownDashboard = buildManifest().operations.find(({ name }) => name === 'ProjectDashboard')!;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function manifestFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function post(h: Harness, payload: object) {
  const response = await fetch(`${h.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const byHash = (sha256Hash: string) => ({
  variables: { projectId: SEED.projectId },
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

describe('TRUSTED_DOCUMENTS_MANIFEST: an Apollo persisted query manifest', () => {
  let h: Harness;
  let manifest: Awaited<ReturnType<typeof generatePersistedQueryManifest>>;
  beforeAll(async () => {
    // What `npx generate-persisted-query-manifest` writes for an app whose documents are schema/operations/.
    manifest = await generatePersistedQueryManifest(
      { documents: join(ROOT, 'schema/operations/*.graphql') },
      undefined,
    );
    h = await startHarness({
      env: {
        TRUSTED_DOCUMENTS: 'only',
        TRUSTED_DOCUMENTS_MANIFEST: manifestFile('apollo.json', manifest),
      },
    });
  });
  afterAll(() => h?.close());

  it("runs an operation of Apollo Client's persisted query link, sent by the manifest's id only", async () => {
    const sent: any[] = [];
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink(
        generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }),
      ).concat(
        new HttpLink({
          uri: `${h.gateway.url}/graphql`,
          fetch: (url, init) => {
            sent.push(JSON.parse(String(init?.body)));
            return fetch(url, init);
          },
        }),
      ),
    });
    h.resetUpstream();
    const { data, error } = await client.query({
      query: ProjectDashboardDocument,
      variables: { projectId: SEED.projectId },
    });
    expect(error).toBeUndefined();
    expect(data?.project?.pipelines.nodes).toHaveLength(5);
    expect(calls(h.upstream())[0]).toBe(DASHBOARD_FIRST_CALL);
    const id = manifest.operations.find(({ name }) => name === 'ProjectDashboard')!.id;
    expect(sent).toEqual([
      expect.objectContaining({
        operationName: 'ProjectDashboard',
        extensions: expect.objectContaining({ persistedQuery: { version: 1, sha256Hash: id } }),
      }),
    ]);
    expect(sent[0].query).toBeUndefined();
  });

  it("no longer runs the repository's own documents, which it replaces", async () => {
    h.resetUpstream();
    const { status, body } = await post(h, byHash(ownDashboard.id));
    expect(status).toBe(400);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(body.errors[0].message).toContain('TRUSTED_DOCUMENTS_MANIFEST');
    expect(h.upstream()).toEqual([]);
  });
});

describe('TRUSTED_DOCUMENTS_MANIFEST: the persisted documents of `npm run codegen` ({hash: document})', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { TRUSTED_DOCUMENTS: 'only', TRUSTED_DOCUMENTS_MANIFEST: CODEGEN_MAP },
    });
  });
  afterAll(() => h?.close());

  // GraphQL Code Generator's typed document carries its hash, `sha256:<hex>`; Apollo's extension names the bare hex.
  const hash = (ProjectDashboardDocument as unknown as { __meta__: { hash: string } }).__meta__
    .hash;

  it.each([
    ['as the typed document carries it', hash],
    ['without the sha256: prefix', hash.replace(/^sha256:/, '')],
  ])('runs a typed document sent by its hash, %s', async (_, sha256Hash) => {
    h.resetUpstream();
    const { status, body } = await post(h, byHash(sha256Hash));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.project.pipelines.nodes).toHaveLength(5);
    expect(calls(h.upstream())[0]).toBe(DASHBOARD_FIRST_CALL);
  });

  it('refuses the text of that same document', async () => {
    h.resetUpstream();
    const { body } = await post(h, { query: ownDashboard.body, ...byHash(hash) });
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(h.upstream()).toEqual([]);
  });
});

describe('TRUSTED_DOCUMENTS_MANIFEST: documents that defer and stream', () => {
  it('are taken at start, as the schema Yoga serves declares both, and answered in parts', async () => {
    const document = `query DeferredRuns($projectId: ObjectId!) { project(id: $projectId) { pipelines(first: 2) { nodes { name ... @defer { runs(first: 2) { nodes @stream(initialCount: 1) { atlasId } } } } } } }`;
    const hex = createHash('sha256').update(document).digest('hex');
    const h = await startHarness({
      env: {
        TRUSTED_DOCUMENTS: 'only',
        TRUSTED_DOCUMENTS_MANIFEST: manifestFile('deferred.json', { [`sha256:${hex}`]: document }),
      },
    });
    try {
      const response = await fetch(`${h.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify(byHash(hex)),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
      const text = await response.text();
      expect(text).toContain('"hasNext":true');
      expect(text).toContain('"hasNext":false');
      expect(text).not.toContain('"errors"');
    } finally {
      await h.close();
    }
  });
});

describe('a bad TRUSTED_DOCUMENTS_MANIFEST stops the start', () => {
  const problems = async (manifest: string) => {
    try {
      await createGateway({
        config: loadConfig({ TRUSTED_DOCUMENTS: 'only', TRUSTED_DOCUMENTS_MANIFEST: manifest }),
        logger: createLogger('silent'),
        atlasBaseUrl: 'http://127.0.0.1:9',
      });
    } catch (error) {
      return (error as { problems?: string[] }).problems ?? [String(error)];
    }
    throw new Error('the gateway was built');
  };
  const dashboardText = ownDashboard.body;

  it('names a file that cannot be read', async () => {
    const missing = join(dir, 'missing.json');
    expect(await problems(missing)).toEqual([
      `TRUSTED_DOCUMENTS_MANIFEST ${missing}: cannot read the file (ENOENT).`,
    ]);
  });

  it('names a file that is not JSON, or neither format', async () => {
    const broken = manifestFile('broken.json', '{"a": ');
    expect(await problems(broken)).toEqual([
      expect.stringMatching(new RegExp(`^TRUSTED_DOCUMENTS_MANIFEST ${broken}: is not JSON \\(`)),
    ]);
    const list = manifestFile('list.json', [dashboardText]);
    expect(await problems(list)).toEqual([
      `TRUSTED_DOCUMENTS_MANIFEST ${list}: is neither an Apollo persisted query manifest nor a {"<id>": "<document>"} map.`,
    ]);
    const other = manifestFile('other.json', { format: 'apollo-persisted-query-manifest' });
    expect(await problems(other)).toEqual([
      `TRUSTED_DOCUMENTS_MANIFEST ${other}: has format "apollo-persisted-query-manifest" version undefined; only "apollo-persisted-query-manifest" version 1 is known.`,
    ]);
  });

  it('names each entry that does not validate against the schema, or whose hash is not its own', async () => {
    const invalid = `query Broken { project(id: "${SEED.projectId}") { noSuchField } }`;
    const file = manifestFile('bad-entries.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: ownDashboard.id, name: 'ProjectDashboard', type: 'query', body: dashboardText },
        { id: 'broken-1', name: 'Broken', type: 'query', body: invalid },
        { id: 'a'.repeat(64), name: 'ProjectDashboard', type: 'query', body: dashboardText },
        { id: 'unparsable', name: 'X', type: 'query', body: 'query {' },
        { id: 'nobody', name: 'X', type: 'query' },
      ],
    });
    expect(await problems(file)).toEqual(
      [
        'entry 2 (id "broken-1"): operation Broken does not validate against the schema: Cannot query field "noSuchField" on type "Project".',
        `entry 3 (id "${'a'.repeat(64)}"): the id is no sha256 of the document (that is ${ownDashboard.id}).`,
        'entry 4 (id "unparsable"): does not parse: Syntax Error: Expected Name, found <EOF>.',
        'entry 5 (id "nobody"): has no document (a non-empty string).',
      ].map((problem) => `TRUSTED_DOCUMENTS_MANIFEST ${file}: ${problem}`),
    );
  });

  it('checks the sha256: ids of a map too', async () => {
    const file = manifestFile('bad-map.json', { [`sha256:${'b'.repeat(64)}`]: dashboardText });
    expect(await problems(file)).toEqual([
      `TRUSTED_DOCUMENTS_MANIFEST ${file}: entry 1 (id "sha256:${'b'.repeat(64)}"): the id is no sha256 of the document (that is ${ownDashboard.id}).`,
    ]);
  });

  it('is refused with TRUSTED_DOCUMENTS=off, where it would do nothing', async () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_MANIFEST: CODEGEN_MAP })).toThrow(
      'TRUSTED_DOCUMENTS_MANIFEST is served only with TRUSTED_DOCUMENTS=allow or only (it is off).',
    );
  });

  it('exits the gateway process with status 2 and the message', async () => {
    const file = manifestFile('process.json', { 'not-a-hash': 'query { nope }' });
    const started = startGatewayProcess({
      TRUSTED_DOCUMENTS: 'allow',
      TRUSTED_DOCUMENTS_MANIFEST: file,
      MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9',
    });
    await expect(started).rejects.toThrow(
      new RegExp(
        `exited with 2 before listening:\\nInvalid configuration:\\n  - TRUSTED_DOCUMENTS_MANIFEST ${file}: entry 1 \\(id "not-a-hash"\\): the document does not validate against the schema: Cannot query field "nope" on type "Query".`,
      ),
    );
  });
});
