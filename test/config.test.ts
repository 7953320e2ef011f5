import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONFIGURATION_PAGE,
  ENV_EXAMPLE,
  printedEnvExample,
  settingsTable,
  TABLE_BEGIN,
  TABLE_END,
  withSettingsTable,
} from '../src/config/docs.ts';
import { loadConfig } from '../src/config/index.ts';
import { SETTINGS, type Setting } from '../src/config/settings.ts';
import { tracingFromEnvironment } from '../src/tracing.ts';
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

  it('reads the server timeouts, each within its bounds', () => {
    expect(loadConfig({}).server).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5000,
    });
    expect(
      loadConfig({
        SERVER_HEADERS_TIMEOUT_MS: '600000',
        SERVER_REQUEST_TIMEOUT_MS: '3600000',
        SERVER_KEEP_ALIVE_TIMEOUT_MS: '1',
      }).server,
    ).toEqual({ headersTimeoutMs: 600_000, requestTimeoutMs: 3_600_000, keepAliveTimeoutMs: 1 });
    expect(
      problems({
        SERVER_HEADERS_TIMEOUT_MS: '0',
        SERVER_REQUEST_TIMEOUT_MS: '3600001',
        SERVER_KEEP_ALIVE_TIMEOUT_MS: '5s',
      }),
    ).toEqual([
      'SERVER_HEADERS_TIMEOUT_MS must be an integer from 1 to 600000, got "0".',
      'SERVER_REQUEST_TIMEOUT_MS must be an integer from 1 to 3600000, got "3600001".',
      'SERVER_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1 to 600000, got "5s".',
    ]);
    expect(problems({ SERVER_KEEP_ALIVE_TIMEOUT_MS: '600001' })).toEqual([
      'SERVER_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1 to 600000, got "600001".',
    ]);
  });

  it("accepts only the header and request timeouts Node's HTTP server starts with", () => {
    const equal = loadConfig({
      SERVER_HEADERS_TIMEOUT_MS: '30000',
      SERVER_REQUEST_TIMEOUT_MS: '30000',
    }).server;
    expect(() =>
      createServer({
        headersTimeout: equal.headersTimeoutMs,
        requestTimeout: equal.requestTimeoutMs,
      }),
    ).not.toThrow();
    expect(problems({ SERVER_HEADERS_TIMEOUT_MS: '30001' })).toEqual([
      'SERVER_HEADERS_TIMEOUT_MS (30001) must not exceed SERVER_REQUEST_TIMEOUT_MS (30000).',
    ]);
    expect(() => createServer({ headersTimeout: 30_001, requestTimeout: 30_000 })).toThrow(
      /headersTimeout/,
    );
  });

  it('reads every declared setting, and nothing undeclared but NODE_ENV', async () => {
    const read = new Set<string>();
    const watched = (env: Record<string, string>) =>
      new Proxy(env, {
        get(target, key) {
          if (typeof key === 'string') read.add(key.replace(/_FILE$/, ''));
          return target[key as string];
        },
      });
    // AUTH_ALLOW_NONE is read only off loopback, and the AUTH_JWT_* settings only in jwt mode.
    const envs: Record<string, string>[] = [{}, { HOST: '0.0.0.0' }, { AUTH_MODE: 'jwt' }];
    for (const env of envs) {
      try {
        loadConfig(watched(env));
      } catch {
        // Only which variables were read matters here.
      }
    }
    const declared = (SETTINGS as readonly Setting[]).filter((setting) => !setting.readBy);
    const names = declared.flatMap((setting) =>
      setting.lowercase ? [setting.name, setting.name.toLowerCase()] : [setting.name],
    );
    expect([...read].sort()).toEqual([...names, 'NODE_ENV'].sort());

    read.clear();
    await tracingFromEnvironment(watched({}));
    for (const setting of SETTINGS as readonly Setting[]) {
      if (setting.readBy === 'src/tracing.ts') expect(read).toContain(setting.name);
    }
  });

  it('never repeats the value of a setting declared secret', () => {
    const secrets = (SETTINGS as readonly Setting[]).filter((setting) => setting.secret);
    const env: Record<string, string> = { AUTH_MODE: 'jwt' };
    // Every secret at once, short and with spaces: each one draws a message about it.
    for (const setting of secrets) env[setting.name] = `do not print ${setting.name}`;
    const found = problems(env);
    expect(found).toEqual([
      'Set either an API key pair (Digest) or a service account (client id and secret), not both.',
      'AUTH_JWT_SECRET must be at least 32 bytes long.',
      'AUTH_MODE=jwt needs AUTH_JWT_ISSUER.',
      'AUTH_MODE=jwt needs AUTH_JWT_AUDIENCE.',
      'REDIS_URL must be a redis:// or rediss:// URL.',
      'HTTPS_PROXY must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).',
      'HTTP_PROXY must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).',
    ]);
    expect(found.join('\n')).not.toContain('do not print');
  });
});

describe('the configuration page and .env.example', () => {
  it('hold what the declarations generate (npm run docs:config rewrites them)', () => {
    const page = readFileSync(CONFIGURATION_PAGE, 'utf8');
    expect(page).toBe(withSettingsTable(page));
    expect(readFileSync(ENV_EXAMPLE, 'utf8')).toBe(printedEnvExample());
  });

  it('list every setting, once, with its default, values, meaning and secrecy', () => {
    const table = settingsTable();
    const envExample = printedEnvExample();
    expect(table).toContain(
      '| `UPSTREAM_DEADLINE_MS` | 25000 | 1 to 600000 | per operation: retries stop at this deadline | no |',
    );
    expect(table).toContain(
      '| `INTROSPECTION` | on; off when NODE_ENV=production | on or off | schema introspection and field suggestions | no |',
    );
    expect(table).toContain('| `AUTH_JWT_SECRET` | – | text, at least 32 bytes |');
    expect(table).toContain('| yes; or `AUTH_JWT_SECRET_FILE` |');
    expect(envExample).toContain(
      '# per operation: retries stop at this deadline\n# values: 1 to 600000\n# UPSTREAM_DEADLINE_MS=25000\n',
    );
    for (const { name } of SETTINGS) {
      expect(table.split(`| \`${name}\` |`)).toHaveLength(2);
      expect(envExample.split(`\n# ${name}=`)).toHaveLength(2);
    }
  });

  it('replace only the text between the markers', () => {
    const page = `# Intro\n\n${TABLE_BEGIN}\nan old table\n${TABLE_END}\n\nMore prose.\n`;
    expect(withSettingsTable(page)).toBe(
      `# Intro\n\n${TABLE_BEGIN}\n${settingsTable()}\n${TABLE_END}\n\nMore prose.\n`,
    );
    expect(() => withSettingsTable('# No markers\n')).toThrow(/settings:begin/);
  });
});
