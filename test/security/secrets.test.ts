import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { JWT_ENV, SECRET, signToken } from './tokens.ts';

const DIGEST = { publicKey: 'pubkey-must-not-appear', privateKey: 'privkey-0f2c-must-not-appear' };
const QUERIES = [
  `{ project(id: "${SEED.projectId}") { pipelines(first: 2) { nodes { name } } } }`,
  // An upstream failure, an unknown project, a bad argument: errors carry messages, never credentials.
  `{ project(id: "${SEED.unknownProjectId}") { pipelines { nodes { name } } } }`,
  `{ project(id: "${SEED.projectId}") { pipeline(name: "a/b") { name } } }`,
];

/** Everything a client or an operator could read: response bodies and headers, and every log line. */
async function everythingVisible(h: Harness, headers: Record<string, string>): Promise<string> {
  const answers: string[] = [];
  for (const query of QUERIES) {
    const { body, headers: responseHeaders } = await h.graphql(query, undefined, headers);
    answers.push(JSON.stringify(body), JSON.stringify([...responseHeaders]));
  }
  return [...answers, ...h.rawLogs].join('\n');
}

describe('no credential, token, Digest header or JWT is ever visible', () => {
  let digest: Harness;
  let jwt: Harness;
  beforeAll(async () => {
    digest = await startHarness({
      simulator: { digest: DIGEST },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: DIGEST.privateKey,
      },
    });
    jwt = await startHarness({
      env: JWT_ENV,
    });
  });
  afterAll(async () => {
    await digest.close();
    await jwt.close();
  });

  it('with Digest credentials upstream, at debug level', async () => {
    const visible = await everythingVisible(digest, {});
    // The Digest exchange did happen, so there was something to leak.
    expect(digest.upstream().some((r) => r.headers.authorization?.startsWith('Digest '))).toBe(
      true,
    );
    expect(visible).not.toContain(DIGEST.privateKey);
    expect(visible).not.toContain(DIGEST.publicKey);
    expect(visible).not.toMatch(/Digest |nonce=|response=/);
  });

  it('with JWT callers, valid, expired and for the wrong audience', async () => {
    const tokens = [
      await signToken({ projects: [SEED.projectId] }),
      await signToken({ projects: [SEED.projectId], expiresIn: -60 }),
      await signToken({ projects: [SEED.projectId], audience: 'other' }),
    ];
    let visible = '';
    for (const token of tokens)
      visible += await everythingVisible(jwt, { authorization: `Bearer ${token}` });
    for (const token of tokens) {
      expect(visible).not.toContain(token);
      expect(visible).not.toContain(token.split('.')[2]);
    }
    expect(visible).not.toContain(SECRET);
    expect(visible).not.toMatch(/Bearer ey/);
  });

  it('pino redacts every header and config path that carries one', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const config = loadConfig({
      MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: DIGEST.privateKey,
      ...JWT_ENV,
      REDIS_URL: 'redis://:redis-password@127.0.0.1:6379',
      HTTPS_PROXY: 'http://gateway:proxy-password@proxy.example:3128',
      http_proxy: 'http://gateway:proxy-password@proxy.example:3129',
    });
    logger.info({ config }, 'a config logged whole by mistake');
    logger.info(config, 'a config spread into a line');
    logger.info(config.upstream, 'its upstream part');
    logger.info(
      {
        request: {
          headers: {
            authorization: 'Bearer leaked-1',
            cookie: 'sid=leaked-2',
            'proxy-authorization': 'Basic leaked-3',
          },
        },
      },
      'headers',
    );
    logger.info(
      {
        upstream: {
          headers: { 'www-authenticate': 'Digest nonce="leaked-4"', 'set-cookie': 'leaked-5' },
        },
      },
      'answer',
    );
    logger.info(
      { token: 'leaked-6', body: { access_token: 'leaked-7', refresh_token: 'leaked-8' } },
      'tokens',
    );
    const all = lines.join('');
    for (const secret of [
      DIGEST.privateKey,
      DIGEST.publicKey,
      SECRET,
      'redis-password',
      'proxy-password',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `leaked-${n}`),
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all.match(/\[redacted\]/g)!.length).toBeGreaterThanOrEqual(20);
  });
});
