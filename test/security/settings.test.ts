import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { startHarness } from '../support/harness.ts';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('security settings', () => {
  it('refuse AUTH_MODE=none off loopback unless AUTH_ALLOW_NONE=true', () => {
    expect(problems({ HOST: '0.0.0.0' })).toEqual([
      'AUTH_MODE=none lets anyone use the gateway\'s Atlas credentials: bind HOST to loopback, choose jwt or forward, or set AUTH_ALLOW_NONE=true (HOST is "0.0.0.0").',
    ]);
    expect(problems({ HOST: '0.0.0.0', AUTH_ALLOW_NONE: 'true' })).toEqual([]);
    expect(problems({ HOST: '::1' })).toEqual([]);
  });

  it('need a key, an issuer and an audience for jwt, and a long enough secret', () => {
    expect(problems({ AUTH_MODE: 'jwt' })).toEqual([
      'AUTH_MODE=jwt needs exactly one of AUTH_JWT_SECRET and AUTH_JWKS_URL.',
      'AUTH_MODE=jwt needs AUTH_JWT_ISSUER.',
      'AUTH_MODE=jwt needs AUTH_JWT_AUDIENCE.',
    ]);
    const found = problems({
      AUTH_MODE: 'jwt',
      AUTH_JWT_SECRET: 'short-secret',
      AUTH_JWT_ISSUER: 'i',
      AUTH_JWT_AUDIENCE: 'a',
    });
    expect(found).toEqual(['AUTH_JWT_SECRET must be at least 32 bytes long.']);
    expect(found.join()).not.toContain('short-secret');
    expect(
      loadConfig({
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: 'https://idp.test/jwks',
        AUTH_JWT_ISSUER: 'i',
        AUTH_JWT_AUDIENCE: 'a',
      }).auth,
    ).toEqual({
      mode: 'jwt',
      key: { jwksUrl: 'https://idp.test/jwks' },
      issuer: 'i',
      audience: 'a',
      projectsClaim: 'atlas_projects',
    });
  });

  it('send forwarded tokens to Atlas and hold no credentials of their own', () => {
    expect(loadConfig({ AUTH_MODE: 'forward', HOST: '0.0.0.0' }).atlasBaseUrl).toBe(
      'https://cloud.mongodb.com',
    );
    expect(
      problems({
        AUTH_MODE: 'forward',
        MONGODB_ATLAS_PUBLIC_API_KEY: 'p',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'q',
      }),
    ).toEqual([
      "AUTH_MODE=forward sends each caller's own Atlas token upstream: unset the MONGODB_ATLAS_* credentials.",
    ]);
  });

  it('read the limits and the trusted documents mode, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      limits: {
        maxDepth: 15,
        maxAliases: 100,
        maxTokens: 10_000,
        maxDirectives: 50,
        maxCost: 50_000,
        bodyBytes: 262_144,
      },
      trustedDocuments: 'off',
      auth: { mode: 'none' },
    });
    expect(
      problems({ TRUSTED_DOCUMENTS: 'sometimes', AUTH_MODE: 'basic', LIMIT_MAX_DEPTH: '0' }),
    ).toEqual([
      'AUTH_MODE must be one of none, jwt, forward, got "basic".',
      'LIMIT_MAX_DEPTH must be an integer from 1 to 1000, got "0".',
      'TRUSTED_DOCUMENTS must be one of off, allow, only, got "sometimes".',
    ]);
  });

  it('warn at start when every caller may use the gateway unauthenticated', async () => {
    const h = await startHarness();
    try {
      expect(h.logs.filter((line) => line.level === 40).map((line) => line.msg)).toContain(
        "AUTH_MODE=none: any caller may use every project the gateway's Atlas access reaches",
      );
    } finally {
      await h.close();
    }
  });
});
