import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { serviceAccountToken } from '../support/service-account-token.ts';
import {
  AUDIENCE,
  ISSUER,
  JWT_ENV,
  type JwksServer,
  signToken,
  startJwksServer,
} from './tokens.ts';

const QUERY = `query($p: ObjectId!) { project(id: $p) { pipelines(first: 1) { nodes { name } } } }`;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** Refused before execution: 401, the code, no data, no upstream call; the gateway then still serves. */
async function expectRefused(
  h: Harness,
  headers: Record<string, string>,
  code: string,
  message: RegExp,
  status = 401,
) {
  const response = await h.graphql(QUERY, { p: SEED.projectId }, headers);
  expect(response.status).toBe(status);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([
    { message: expect.stringMatching(message), extensions: { code } },
  ]);
  if (status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expect(h.upstream()).toEqual([]);
}

describe('AUTH_MODE=jwt with a shared secret', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: JWT_ENV,
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetUpstream());

  const unsigned = (payload: object) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

  const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
    [
      'no Authorization header',
      async () => ({}),
      /^Send a JWT as "Authorization: Bearer <token>"\.$/,
    ],
    ['a Basic header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), /^Send a JWT/],
    [
      'an expired token',
      async () => as(await signToken({ projects: [SEED.projectId], expiresIn: -120 })),
      /^The bearer token has expired\.$/,
    ],
    [
      'a token for another audience',
      async () => as(await signToken({ projects: [SEED.projectId], audience: 'someone-else' })),
      /"aud" claim/,
    ],
    [
      'a token from another issuer',
      async () => as(await signToken({ projects: [SEED.projectId], issuer: 'https://evil.test/' })),
      /"iss" claim/,
    ],
    [
      'a token signed with another secret',
      async () => {
        const genuine = await signToken({ projects: [SEED.projectId] });
        const [header, payload] = genuine.split('.');
        return as(`${header}.${payload}.${Buffer.alloc(32, 7).toString('base64url')}`);
      },
      /^The bearer token is not a valid JWT/,
    ],
    [
      'a forged payload under a genuine signature',
      async () => {
        const [header, , signature] = (await signToken({ projects: [SEED.emptyProjectId] })).split(
          '.',
        );
        const forged = Buffer.from(
          JSON.stringify({
            atlas_projects: [SEED.projectId],
            iss: ISSUER,
            aud: AUDIENCE,
            exp: 9e9,
          }),
        ).toString('base64url');
        return as(`${header}.${forged}.${signature}`);
      },
      /^The bearer token is not a valid JWT/,
    ],
    [
      'an unsigned (alg none) token',
      async () =>
        as(unsigned({ atlas_projects: [SEED.projectId], iss: ISSUER, aud: AUDIENCE, exp: 9e9 })),
      /^The bearer token is not a valid JWT/,
    ],
    ['garbage', async () => as('not.a.jwt'), /^The bearer token is not a valid JWT/],
  ];

  it.each(cases)('refuses %s with UNAUTHENTICATED', async (_name, headers, message) => {
    await expectRefused(h, await headers(), 'UNAUTHENTICATED', message);
    const ok = await h.graphql(
      QUERY,
      { p: SEED.projectId },
      as(await signToken({ projects: [SEED.projectId] })),
    );
    expect(ok.body.errors).toBeUndefined();
  });
});

describe('AUTH_MODE=jwt with a JWKS URL', () => {
  let h: Harness;
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
    h = await startHarness({
      env: {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: jwks.url,
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
        AUTH_PROJECTS_CLAIM: 'https://atlas/projects',
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await jwks.close();
  });
  beforeEach(() => h.resetUpstream());

  it('accepts a token signed by a key of the set, fetching the set once', async () => {
    const token = await signToken(
      { projects: [SEED.projectId], claimName: 'https://atlas/projects' },
      jwks.key,
    );
    for (let i = 0; i < 2; i++) {
      const { body } = await h.graphql(QUERY, { p: SEED.projectId }, as(token));
      expect(body.errors).toBeUndefined();
    }
    expect(jwks.fetches).toBe(1);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${SEED.projectId}/pipelines`,
      `GET /groups/${SEED.projectId}/pipelines`,
    ]);
  });

  it('refuses an HMAC token, even one signed with the public key material', async () => {
    await expectRefused(
      h,
      as(await signToken({ projects: [SEED.projectId] })),
      'UNAUTHENTICATED',
      /^The bearer token is not a valid JWT/,
    );
  });
});

describe('AUTH_MODE=forward', () => {
  const ACCOUNT = { clientId: 'mdb_sa_id_forward', clientSecret: 'mdb_sa_sk_forward-secret' };
  let h: Harness;
  let atlasToken: string;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: { AUTH_MODE: 'forward' },
    });
    atlasToken = await serviceAccountToken(h.simulator.url, ACCOUNT);
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetUpstream());

  it("sends the caller's token upstream and needs no gateway credentials", async () => {
    const { body } = await h.graphql(QUERY, { p: SEED.projectId }, as(atlasToken));
    expect(body.errors).toBeUndefined();
    expect(h.upstream().map((r) => r.headers.authorization)).toEqual([`Bearer ${atlasToken}`]);
  });

  it('refuses a request without a token before any call', async () => {
    await expectRefused(
      h,
      {},
      'UNAUTHENTICATED',
      /^Send an Atlas access token as "Authorization: Bearer <token>"\.$/,
    );
  });

  it('answers a token Atlas refuses with UNAUTHENTICATED naming the mode, not the token', async () => {
    const { body } = await h.graphql(QUERY, { p: SEED.projectId }, as('revoked-or-made-up-token'));
    expect(body.errors!.map((e) => [e.extensions!.code, e.message])).toEqual([
      ['UNAUTHENTICATED', "Atlas did not accept the gateway's credentials (mode: forward)."],
    ]);
    expect(JSON.stringify(body)).not.toContain('revoked-or-made-up-token');
    expect(h.upstream()).toHaveLength(1);
  });
});

describe('AUTH_MODE=jwt with its key set out of reach', () => {
  // The issuer's side failing is not the caller's fault: 503, retry later, never 401.
  it.each([
    ['resets the connection', 'reset'],
    ['answers 500', 'error'],
    ['answers an HTML page', 'html'],
  ] as const)(
    'answers UPSTREAM_UNAVAILABLE (503), not UNAUTHENTICATED, when the key endpoint %s, and recovers',
    async (_how, outage) => {
      const jwks = await startJwksServer();
      const token = await signToken({ projects: [SEED.projectId] }, jwks.key);
      jwks.outage = outage;
      const h = await startHarness({
        env: {
          AUTH_MODE: 'jwt',
          AUTH_JWKS_URL: jwks.url,
          AUTH_JWT_ISSUER: ISSUER,
          AUTH_JWT_AUDIENCE: AUDIENCE,
        },
      });
      try {
        for (let i = 0; i < 2; i++)
          await expectRefused(
            h,
            as(token),
            'UPSTREAM_UNAVAILABLE',
            /signing keys could not be fetched/,
            503,
          );
        jwks.outage = 'none';
        // jose waits 30 s between key set fetches after one succeeded, not after a failure.
        const { status, body } = await h.graphql(QUERY, { p: SEED.projectId }, as(token));
        expect([status, body.errors]).toEqual([200, undefined]);
      } finally {
        await h.close();
        await jwks.close();
      }
    },
  );
});
