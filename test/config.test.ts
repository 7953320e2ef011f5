import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTINGS } from '../src/config.ts';
import { configProblems } from './support/config-problems.ts';

const problems = configProblems;

describe('loadConfig', () => {
  it('defaults to the embedded simulator without credentials or base URL', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.atlasBaseUrl).toBeUndefined();
    expect(config.credentials).toEqual({ kind: 'none' });
  });

  it('points at Atlas once credentials are given', () => {
    const config = loadConfig({
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
    });
    expect(config.atlasBaseUrl).toBe('https://cloud.mongodb.com');
    expect(config.credentials).toEqual({ kind: 'digest', publicKey: 'pub', privateKey: 'priv' });
  });

  it('reads a secret from a _FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-graph-'));
    writeFileSync(join(dir, 'secret'), 's3cret\n');
    const config = loadConfig({
      MONGODB_ATLAS_CLIENT_ID: 'id',
      MONGODB_ATLAS_CLIENT_SECRET_FILE: join(dir, 'secret'),
    });
    expect(config.credentials).toEqual({
      kind: 'service-account',
      clientId: 'id',
      clientSecret: 's3cret',
    });
  });

  it('reports every bad value with a clear message and never echoes a secret', () => {
    const found = problems({
      PORT: 'eighty',
      MONGODB_ATLAS_BASE_URL: 'ftp://user:url-password@x',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'do-not-print-me',
      MONGODB_ATLAS_CLIENT_ID: 'id',
      LOG_LEVEL: 'loud',
      UPSTREAM_MAX_RETRIES: '99',
    });
    expect(found).toEqual([
      'PORT must be an integer from 0 to 65535, got "eighty".',
      'MONGODB_ATLAS_BASE_URL must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).',
      'MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY must be set together.',
      'MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET must be set together.',
      'Set either an API key pair (Digest) or a service account (client id and secret), not both.',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud".',
      'UPSTREAM_MAX_RETRIES must be an integer from 0 to 10, got "99".',
    ]);
    expect(found.join('\n')).not.toContain('do-not-print-me');
    expect(found.join('\n')).not.toContain('url-password');
  });

  it('turns introspection and GraphiQL off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      introspection: false,
      graphiql: false,
    });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on' })).toMatchObject({
      introspection: true,
    });
  });

  it('is documented variable by variable in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const setting of SETTINGS) {
      expect(readme).toContain(`| \`${setting.name}\` | ${setting.default} | ${setting.meaning} |`);
    }
  });
});
