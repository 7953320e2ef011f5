import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { call, GROUP, manualClock, V2023 } from './helpers.ts';

const PUBLIC_KEY = 'abcdefgh';
const PRIVATE_KEY = '0f1e2d3c-private';
const CLIENT_ID = 'mdb_sa_id_simulated';
const CLIENT_SECRET = 'mdb_sa_sk_simulated';
const NONCE_TTL = 60_000;
const TOKEN_TTL_SECONDS = 120;

const clock = manualClock();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    now: clock.now,
    nonceTtlMs: NONCE_TTL,
    digest: { publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY },
    serviceAccount: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      tokenTtlSeconds: TOKEN_TTL_SECONDS,
    },
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function parseChallenge(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, key = '', quoted, bare] of header
    .replace(/^Digest\s+/, '')
    .matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) {
    params[key] = quoted ?? bare ?? '';
  }
  return params;
}

/** A minimal RFC 7616 client: keeps the last challenge and counts nc up. */
class DigestClient {
  private challenge: Record<string, string> | undefined;
  private nc = 0;

  private readonly username: string;
  private readonly password: string;

  constructor(username: string, password: string) {
    this.username = username;
    this.password = password;
  }

  adopt(wwwAuthenticate: string): void {
    this.challenge = parseChallenge(wwwAuthenticate);
    this.nc = 0;
  }

  authorization(method: string, uri: string, nc = ++this.nc): string {
    const challenge = this.challenge ?? {};
    const ncHex = nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const ha1 = md5(`${this.username}:${challenge.realm}:${this.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = md5(`${ha1}:${challenge.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
    return `Digest username="${this.username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}", opaque="${challenge.opaque}"`;
  }

  async get(path: string, nc?: number) {
    return call(sim, path, { headers: { authorization: this.authorization('GET', path, nc) } });
  }
}

async function handshake(client: DigestClient, path: string) {
  const first = await call(sim, path);
  expect(first.status).toBe(401);
  client.adopt(first.headers.get('www-authenticate') ?? '');
  return client.get(path);
}

describe('digest', () => {
  const path = `${GROUP}/pipelines/${SEED.pipelines.small}?pretty=true`;

  it('challenges, then accepts the response; nonces carry + / =', async () => {
    const first = await call(sim, path);
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({
      error: 401,
      errorCode: 'UNAUTHORIZED',
      reason: 'Unauthorized',
    });
    const challenge = first.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Digest realm="MMS Public API", /);
    expect(challenge).toContain('qop="auth"');
    expect(challenge).toContain('stale=false');
    const nonce = parseChallenge(challenge).nonce ?? '';
    expect(nonce).toMatch(/\+/);
    expect(nonce).toMatch(/\//);
    expect(nonce).toMatch(/=$/);

    const client = new DigestClient(PUBLIC_KEY, PRIVATE_KEY);
    client.adopt(challenge);
    const answered = await client.get(path);
    expect(answered.status).toBe(200);
    expect((await client.get(path)).status).toBe(200);
  });

  it('reports the API key on the root resource', async () => {
    const answered = await handshake(new DigestClient(PUBLIC_KEY, PRIVATE_KEY), '/api/atlas/v2');
    expect(answered.body.apiKey).toMatchObject({
      publicKey: PUBLIC_KEY,
      roles: expect.arrayContaining([{ groupId: SEED.projectId, roleName: 'GROUP_OWNER' }]),
    });
  });

  it('answers a replayed nc with stale=true', async () => {
    const client = new DigestClient(PUBLIC_KEY, PRIVATE_KEY);
    expect((await handshake(client, path)).status).toBe(200);
    const replay = await client.get(path, 1);
    expect(replay.status).toBe(401);
    expect(replay.headers.get('www-authenticate')).toContain('stale=true');
  });

  it('accepts counts that arrive out of order (concurrent requests), but never the same one twice', async () => {
    const client = new DigestClient(PUBLIC_KEY, PRIVATE_KEY);
    expect((await handshake(client, path)).status).toBe(200);
    expect((await client.get(path, 5)).status).toBe(200);
    expect((await client.get(path, 3)).status).toBe(200);
    expect((await client.get(path, 3)).status).toBe(401);
    expect((await client.get(path, 5 + 64)).status).toBe(200);
    const tooOld = await client.get(path, 4);
    expect(tooOld.status).toBe(401);
    expect(tooOld.headers.get('www-authenticate')).toContain('stale=true');
  });

  it('answers an expired nonce with stale=true, and the new nonce works', async () => {
    const client = new DigestClient(PUBLIC_KEY, PRIVATE_KEY);
    expect((await handshake(client, path)).status).toBe(200);
    clock.advance(NONCE_TTL + 1);
    const stale = await client.get(path);
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toContain('stale=true');
    client.adopt(stale.headers.get('www-authenticate') ?? '');
    expect((await client.get(path)).status).toBe(200);
  });

  it('refuses a wrong password or user without stale', async () => {
    for (const client of [
      new DigestClient(PUBLIC_KEY, 'wrong'),
      new DigestClient('zzzzzzzz', PRIVATE_KEY),
    ]) {
      const answered = await handshake(client, path);
      expect(answered.status).toBe(401);
      expect(answered.body.errorCode).toBe('UNAUTHORIZED');
      expect(answered.headers.get('www-authenticate')).toContain('stale=false');
    }
  });

  it('refuses a response computed for another uri', async () => {
    const client = new DigestClient(PUBLIC_KEY, PRIVATE_KEY);
    await handshake(client, path);
    const answered = await call(sim, path, {
      headers: { authorization: client.authorization('GET', `${GROUP}/pipelines`) },
    });
    expect(answered.status).toBe(401);
  });
});

describe('service account', () => {
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const token = (
    authorization = basic(CLIENT_ID, CLIENT_SECRET),
    body = 'grant_type=client_credentials',
  ) =>
    fetch(`${sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
    });

  it('mints a bearer token that works until it expires', async () => {
    const response = await token();
    expect(response.status).toBe(200);
    const minted = (await response.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
    };
    expect(minted).toMatchObject({ token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS });
    const authorization = `Bearer ${minted.access_token}`;
    const ok = await call(sim, `${GROUP}/pipelines`, { headers: { authorization } });
    expect(ok.status).toBe(200);
    const root = await call(sim, '/api/atlas/v2', { headers: { authorization } });
    expect(root.body.apiKey).toBeNull();

    clock.advance(TOKEN_TTL_SECONDS * 1000);
    const expired = await call(sim, `${GROUP}/pipelines`, { headers: { authorization } });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe(401);
  });

  it('refuses bad clients, unknown tokens and revoked tokens', async () => {
    const bad = await token(basic(CLIENT_ID, 'nope'));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid credentials provided.',
    });
    expect((await token(undefined, 'grant_type=password')).status).toBe(400);
    expect(
      (await call(sim, `${GROUP}/pipelines`, { headers: { authorization: 'Bearer forged' } }))
        .status,
    ).toBe(401);

    const minted = (await (await token()).json()) as { access_token: string };
    const revoke = await fetch(`${sim.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: basic(CLIENT_ID, CLIENT_SECRET),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `token=${encodeURIComponent(minted.access_token)}&token_type_hint=access_token`,
    });
    expect(revoke.status).toBe(200);
    expect(
      (
        await call(sim, `${GROUP}/pipelines`, {
          headers: { authorization: `Bearer ${minted.access_token}` },
        })
      ).status,
    ).toBe(401);
  });

  it('limits the token endpoint to 10 requests per minute per client', async () => {
    clock.advance(120_000);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await token()).status);
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    const limited = await token();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await token()).status).toBe(200);
  });

  it('records token requests with their form body', async () => {
    await token();
    const recorded = sim.requests.find((request) => request.path === '/api/oauth/token');
    expect(recorded).toMatchObject({
      method: 'POST',
      body: { grant_type: 'client_credentials' },
      operationId: undefined,
      status: 200,
    });
  });
});

it('challenges unauthenticated calls even for unknown routes', async () => {
  const { status, headers } = await call(sim, '/api/atlas/v2/nowhere', { accept: V2023 });
  expect(status).toBe(401);
  expect(headers.get('www-authenticate')).toMatch(/^Digest /);
});
