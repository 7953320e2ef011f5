import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const DIGEST = { publicKey: 'pubkey-abc', privateKey: 'priv-5ecr3t-never-logged' };
const ACCOUNT = { clientId: 'mdb_sa_id_123', clientSecret: 'mdb_sa_sk_never-logged' };
const QUERY = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } } }`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const api = (harness: Harness) =>
  harness.simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2'));
const challenges = (harness: Harness) => api(harness).filter((r) => r.status === 401);

describe('Digest authentication to Atlas', () => {
  it('handshakes once, then reuses the nonce for sequential and parallel calls', async () => {
    h = await startHarness({
      simulator: { digest: DIGEST },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: DIGEST.privateKey,
      },
    });
    for (let i = 0; i < 3; i++) {
      const { body } = await h.graphql(QUERY, { p: SEED.projectId });
      expect(body.errors).toBeUndefined();
    }
    // Ten different reads (identical ones in flight at once would be sent once, src/atlas/in-flight.ts).
    const parallel = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h!.graphql(
          `query($p: ObjectId!) { project(id: $p) { clusters(first: ${i + 1}) { nodes { name } } } }`,
          { p: SEED.projectId },
        ),
      ),
    );
    for (const { body } of parallel) expect(body.errors).toBeUndefined();
    expect(challenges(h)).toHaveLength(1);
    const authorized = api(h).filter((r) => r.status === 200);
    expect(authorized).toHaveLength(13);
    for (const request of authorized)
      expect(request.headers.authorization).toMatch(/^Digest username="pubkey-abc"/);
  });

  it('gives a clear UNAUTHENTICATED naming the mode, never the secret, for wrong keys', async () => {
    h = await startHarness({
      simulator: { digest: DIGEST },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: 'wrong-private-key',
      },
    });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0]!.message).toContain('digest');
    expect(JSON.stringify(body)).not.toContain('wrong-private-key');
  });
});

describe('service account authentication to Atlas', () => {
  it('fetches one token for many concurrent operations and sends it as a Bearer', async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: {
        MONGODB_ATLAS_CLIENT_ID: ACCOUNT.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: ACCOUNT.clientSecret,
      },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => h!.graphql(QUERY, { p: SEED.projectId })),
    );
    for (const { body } of results) expect(body.errors).toBeUndefined();
    const tokenCalls = h.simulator.requests.filter((r) => r.path === '/api/oauth/token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString('base64')}`,
    );
    expect(tokenCalls[0]!.body).toEqual({ grant_type: 'client_credentials' });
    for (const request of api(h)) expect(request.headers.authorization).toMatch(/^Bearer /);
  });

  it('is UNAUTHENTICATED naming the mode when the token endpoint refuses the client', async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: { MONGODB_ATLAS_CLIENT_ID: ACCOUNT.clientId, MONGODB_ATLAS_CLIENT_SECRET: 'nope' },
    });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(body.errors![0]!.message).toContain('service-account');
    expect(api(h)).toEqual([]);
  });
});
