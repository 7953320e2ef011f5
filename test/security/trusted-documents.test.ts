import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import {
  buildManifest,
  MANIFEST_FILE,
  printedManifest,
} from '../../src/trusted-documents/manifest.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

const dashboard = buildManifest().operations.find(
  (operation) => operation.name === 'ProjectDashboard',
)!;
const byHash = (sha256Hash: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

async function post(h: Harness, payload: object) {
  const response = await fetch(`${h.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(payload),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: any }[];
    },
  };
}

describe('schema/trusted-documents.json', () => {
  it('is the manifest of schema/operations (run `npm run trusted-documents:print` after changing one)', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(printedManifest());
    expect(buildManifest().operations.map((operation) => operation.name)).toContain(
      'ProjectDashboard',
    );
  });
});

describe.each(['allow', 'only'] as const)('TRUSTED_DOCUMENTS=%s', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TRUSTED_DOCUMENTS: mode } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetUpstream());

  it('runs a trusted document sent by its hash', async () => {
    const { status, body } = await post(h, {
      variables: { projectId: SEED.projectId },
      ...byHash(dashboard.id),
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.project.pipelines.nodes).toHaveLength(5);
    expect(calls(h.upstream())[0]).toBe(`GET /groups/${SEED.projectId}/pipelines`);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { status, body } = await post(h, byHash('0'.repeat(64)));
    expect(status).toBe(400);
    expect(body.errors!.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(h.upstream()).toEqual([]);
  });

  it(
    mode === 'allow'
      ? 'still runs any document'
      : 'refuses any other document, even a trusted one sent as text',
    async () => {
      const { body } = await post(h, {
        query: dashboard.body,
        variables: { projectId: SEED.projectId },
      });
      if (mode === 'allow') {
        expect(body.errors).toBeUndefined();
      } else {
        expect(body.errors!.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
        expect(h.upstream()).toEqual([]);
      }
    },
  );
});
