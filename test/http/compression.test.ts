import { request as httpRequest, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/graphiql.ts';
import { SEED } from '../../src/simulator/index.ts';
import { BROWSER_ACCEPT, graphiqlAssets } from '../support/graphiql.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { type RawResponse, rawRequest } from '../support/raw-http.ts';

/**
 * Compressed answers, read as they cross the wire: node:http does not decode, so the bytes counted and
 * decoded here are the bytes the gateway sent.
 */

function post(url: string, body: unknown, headers: Record<string, string>): Promise<RawResponse> {
  return rawRequest(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const decode = ({ headers, wire }: RawResponse): Buffer => {
  switch (headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(wire);
    case 'gzip':
      return gunzipSync(wire);
    case undefined:
      return wire;
    default:
      throw new Error(`unexpected content-encoding ${headers['content-encoding']}`);
  }
};

const PIPELINE_RUNS = exampleOperations().find(({ name }) => name === 'PipelineRuns')!.document;
/** A page of 500 runs of the seeded big pipeline: some 200 KB of JSON. */
const PAGE_OF_500 = {
  query: PIPELINE_RUNS,
  variables: { projectId: SEED.projectId, pipelineName: SEED.pipelines.big, first: 500 },
};

describe('compression', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { runDurationMs: 1_500 } });
  });
  afterAll(() => h.close());

  it('sends a large answer with br or gzip as Accept-Encoding asks, identical once decoded, and plain without it', async () => {
    const plain = await post(h.gateway.url, PAGE_OF_500, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const answer = JSON.parse(plain.wire.toString('utf8'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.project.pipeline.runs.edges).toHaveLength(500);
    expect(plain.wire.byteLength).toBeGreaterThan(100_000);

    for (const encoding of ['br', 'gzip'] as const) {
      const response = await post(h.gateway.url, PAGE_OF_500, { 'accept-encoding': encoding });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(response.headers['content-length'])).toBe(response.wire.byteLength);
      expect(JSON.parse(decode(response).toString('utf8'))).toEqual(answer);
      // The runs repeat their field names and look alike: at least 5x smaller on the wire.
      expect(response.wire.byteLength).toBeLessThan(plain.wire.byteLength / 5);
      console.info(
        `a page of 500 runs: ${plain.wire.byteLength} bytes plain, ${response.wire.byteLength} with ${encoding}`,
      );
    }
  });

  it('prefers br when both are acceptable, as browsers list them, and follows q-values', async () => {
    const encodingFor = async (acceptEncoding: string) =>
      (await post(h.gateway.url, PAGE_OF_500, { 'accept-encoding': acceptEncoding })).headers[
        'content-encoding'
      ];
    expect(await encodingFor('gzip, deflate, br, zstd')).toBe('br');
    expect(await encodingFor('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(await encodingFor('br;q=0, gzip')).toBe('gzip');
    expect(await encodingFor('*')).toBe('br');
    expect(await encodingFor('deflate, identity')).toBeUndefined();
  });

  it('leaves an answer under 1 KB plain', async () => {
    const response = await post(
      h.gateway.url,
      { query: '{ __typename }' },
      {
        'accept-encoding': 'br, gzip',
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(response.wire.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });

  it('never compresses a subscription stream: each event arrives as it happens', async () => {
    const { body } = await h.graphql(
      /* GraphQL */ `
        mutation Trigger($input: TriggerPipelineRunInput!) {
          triggerPipelineRun(input: $input) { ... on TriggerPipelineRunSuccess { run { id } } }
        }
      `,
      {
        input: {
          projectId: SEED.projectId,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
    );
    const runId: string = body.data!.triggerPipelineRun.run.id;
    const { headers, firstEventBeforeEnd } = await new Promise<{
      headers: IncomingMessage['headers'];
      /** The first event came alone, the stream's end not yet with it. */
      firstEventBeforeEnd: boolean;
    }>((resolve, reject) => {
      const req = httpRequest(
        `${h.gateway.url}/graphql`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            'accept-encoding': 'br, gzip',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            // Read as sent: an encoded stream would never show an event in plain text.
            text += chunk.toString('utf8');
            if (!text.includes('event: next')) return;
            resolve({
              headers: res.headers,
              firstEventBeforeEnd: !text.includes('event: complete'),
            });
            req.destroy();
          });
          res.on('error', () => {});
        },
      );
      req.on('error', reject);
      req.end(
        JSON.stringify({
          query: 'subscription ($id: ID!) { pipelineRunUpdated(id: $id) { id state } }',
          variables: { id: runId },
        }),
      );
    });
    expect(headers['content-type']).toContain('text/event-stream');
    // Yoga marks its event streams `Content-Encoding: none`, for proxies.
    expect([undefined, 'none']).toContain(headers['content-encoding']);
    // The run lasts 1.5 s: its first state came at once, not held back until the stream's end.
    expect(firstEventBeforeEnd).toBe(true);
  });
});

describe("compression of GraphiQL's page and assets", () => {
  let h: Harness;
  let assets: string[];
  beforeAll(async () => {
    h = await startHarness();
    ({ assets } = await graphiqlAssets(h.gateway.url));
  });
  afterAll(() => h.close());

  const get = (path: string, acceptEncoding?: string) =>
    rawRequest(`${h.gateway.url}${path}`, {
      headers: {
        accept: path === '/graphql' ? BROWSER_ACCEPT : '*/*',
        ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      },
    });

  it('sends the page and each script, stylesheet and icon with br or gzip as asked, identical once decoded, and plain without either', async () => {
    const compressible = ['/graphql', ...assets.filter((path) => /\.(js|css|ico|ttf)$/.test(path))];
    for (const path of compressible) {
      const plain = await get(path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.headers.vary, path).toMatch(/accept-encoding/i);
      for (const [acceptEncoding, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip, deflate', 'gzip'],
        ['gzip;q=1.0, br;q=0.5', 'gzip'],
      ] as const) {
        const response = await get(path, acceptEncoding);
        expect(response.headers['content-encoding'], `${path} ${acceptEncoding}`).toBe(encoding);
        expect(response.headers.vary, path).toMatch(/accept-encoding/i);
        expect(Number(response.headers['content-length']), path).toBe(response.wire.byteLength);
        expect(decode(response).equals(plain.wire), `${path} ${acceptEncoding}`).toBe(true);
        expect(response.wire.byteLength, path).toBeLessThan(plain.wire.byteLength);
      }
    }
  });

  it('sends web fonts as they are, whatever the client accepts: they are compressed already', async () => {
    const fonts = assets.filter((path) => /\.woff2?$/.test(path));
    expect(fonts.length).toBeGreaterThan(0);
    for (const path of fonts) {
      const plain = await get(path);
      const asked = await get(path, 'gzip, deflate, br');
      expect(asked.headers['content-encoding'], path).toBeUndefined();
      expect(asked.headers.vary, path).toBeUndefined();
      expect(asked.wire.equals(plain.wire), path).toBe(true);
      // woff2 starts with its signature: sent as it is, not encoded again.
      expect(asked.wire.subarray(0, 4).toString('latin1'), path).toMatch(/^wOF[F2]$/);
    }
  });
});

describe('compression with the response cache on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => h.close());

  it("keeps the cache's Vary: Authorization beside Accept-Encoding, on a fill and on a hit", async () => {
    for (const round of ['fill', 'hit']) {
      const response = await post(h.gateway.url, PAGE_OF_500, { 'accept-encoding': 'gzip' });
      expect(response.headers['content-encoding'], round).toBe('gzip');
      expect(response.headers['cache-control'], round).toBe('private, max-age=60');
      expect(response.headers.vary, round).toMatch(/authorization/i);
      expect(response.headers.vary, round).toMatch(/accept-encoding/i);
      expect(
        JSON.parse(decode(response).toString('utf8')).data.project.pipeline.runs.edges,
      ).toHaveLength(500);
    }
  });
});
