import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { SEED } from '../../src/simulator/index.ts';
import { postGraphQL, startGatewayProcess } from '../support/gateway-process.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const QUERY = `query($p: ObjectId!) { project(id: $p) { pipelines(first: 2) { nodes { name } } } }`;
const PASSWORD = 'proxy-pa55word-never-logged';
const ACCOUNT = { clientId: 'mdb_sa_id_proxy', clientSecret: 'mdb_sa_sk_proxy-never-logged' };

interface ForwardProxy {
  url: string;
  /** The request line (`GET http://host/path`, `CONNECT host:443`) of each request, in arrival order. */
  lines: string[];
  /** The Proxy-Authorization header of each request, in the same order. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/**
 * A forward proxy as corporate networks run them: absolute-form requests for http:// origins are
 * forwarded; a CONNECT (for https:// origins) is recorded and refused, since no test origin speaks TLS.
 */
async function startForwardProxy(): Promise<ForwardProxy> {
  const lines: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const record = (line: string, authorization: string | undefined) => {
    lines.push(line);
    authorizations.push(authorization);
  };
  const server: Server = createServer((req, res) => {
    record(`${req.method} ${req.url}`, req.headers['proxy-authorization']);
    const {
      'proxy-authorization': _authorization,
      'proxy-connection': _connection,
      ...headers
    } = req.headers;
    const upstream = httpRequest(req.url!, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    record(`CONNECT ${req.url}`, req.headers['proxy-authorization']);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `http://user:password@host:port`: the proxy's URL with credentials in it. */
const withCredentials = (url: string) => url.replace('http://', `http://gateway:${PASSWORD}@`);

let proxy: ForwardProxy | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = undefined;
  proxy = undefined;
});

/** What the simulator received, as the proxy's request lines would name it. */
const received = (harness: Harness) =>
  harness
    .upstream()
    .map(
      (r) => `${r.method} ${harness.simulator.url}${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`,
    );

describe('upstream calls through a forward proxy', () => {
  it('go through HTTP_PROXY, every one, with its credentials as Proxy-Authorization', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({ env: { HTTP_PROXY: withCredentials(proxy.url) } });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipelines.nodes).toHaveLength(2);
    expect(received(h).length).toBeGreaterThan(0);
    expect(proxy.lines).toEqual(received(h));
    const basic = `Basic ${Buffer.from(`gateway:${PASSWORD}`).toString('base64')}`;
    expect(proxy.authorizations).toEqual(proxy.lines.map(() => basic));
    // The proxy's credentials go to the proxy alone, never on to Atlas.
    for (const call of h.upstream()) expect(call.headers['proxy-authorization']).toBeUndefined();
  });

  it('carry no Proxy-Authorization when the proxy URL has no credentials', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({ env: { HTTP_PROXY: proxy.url } });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();
    expect(proxy.lines).toEqual(received(h));
    expect(proxy.authorizations.every((value) => value === undefined)).toBe(true);
  });

  it("take the service account's token through the proxy too", async () => {
    proxy = await startForwardProxy();
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: {
        HTTP_PROXY: proxy.url,
        MONGODB_ATLAS_CLIENT_ID: ACCOUNT.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: ACCOUNT.clientSecret,
      },
    });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();
    expect(proxy.lines[0]).toBe(`POST ${h.simulator.url}/api/oauth/token`);
    expect(proxy.lines.slice(1)).toEqual(received(h));
  });

  it('accept the lowercase http_proxy when HTTP_PROXY is unset', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({ env: { http_proxy: proxy.url } });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();
    expect(proxy.lines).toEqual(received(h));
  });

  it('prefer HTTP_PROXY to http_proxy', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({ env: { HTTP_PROXY: proxy.url, http_proxy: 'http://127.0.0.1:9' } });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors).toBeUndefined();
    expect(proxy.lines).toHaveLength(received(h).length);
  });

  it('skip the proxy for the hosts of NO_PROXY (or no_proxy), and only for those', async () => {
    for (const [env, proxied] of [
      [{ NO_PROXY: 'localhost,127.0.0.1' }, false],
      [{ no_proxy: '127.0.0.1' }, false],
      [{ NO_PROXY: '*' }, false],
      [{ NO_PROXY: '.example.com, 10.0.0.1' }, true],
    ] as const) {
      proxy = await startForwardProxy();
      h = await startHarness({ env: { HTTP_PROXY: proxy.url, ...env } });
      const { body } = await h.graphql(QUERY, { p: SEED.projectId });
      expect(body.errors).toBeUndefined();
      expect(received(h).length).toBeGreaterThan(0);
      expect(h.logs.map((line) => line.msg)).toContain('upstream calls go through a proxy');
      expect(proxy.lines).toEqual(proxied ? received(h) : []);
      await h.close();
      await proxy.close();
      h = undefined;
      proxy = undefined;
    }
  });

  it('to an https origin tunnel through HTTPS_PROXY with CONNECT, and a refused tunnel is UPSTREAM_UNAVAILABLE', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({
      env: {
        MONGODB_ATLAS_BASE_URL: 'https://atlas.example.test',
        HTTPS_PROXY: withCredentials(proxy.url),
        HTTP_PROXY: 'http://127.0.0.1:9',
        UPSTREAM_MAX_RETRIES: '0',
      },
    });
    const { body } = await h.graphql(QUERY, { p: SEED.projectId });
    expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(proxy.lines).toEqual(['CONNECT atlas.example.test:443']);
    expect(proxy.authorizations[0]).toBe(
      `Basic ${Buffer.from(`gateway:${PASSWORD}`).toString('base64')}`,
    );
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
  });

  it('say at start which proxy they take, by host only, and never log its credentials', async () => {
    proxy = await startForwardProxy();
    h = await startHarness({
      env: { HTTP_PROXY: withCredentials(proxy.url), NO_PROXY: '.internal.example' },
    });
    await h.graphql(QUERY, { p: SEED.projectId });
    const host = new URL(proxy.url).host;
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'upstream calls go through a proxy',
        proxy: { https: host, http: host, noProxy: '.internal.example' },
      }),
    );
    expect(h.rawLogs.length).toBeGreaterThan(0);
    expect(h.rawLogs.join('\n')).not.toContain(PASSWORD);
    expect(h.rawLogs.join('\n')).not.toContain('gateway:');
  });
});

describe('the embedded simulator', () => {
  it('is never called through a proxy, whatever HTTP_PROXY says', async () => {
    proxy = await startForwardProxy();
    expect(loadConfig({ HTTP_PROXY: proxy.url }).upstream.proxy).toBeUndefined();
    const gateway = await startGatewayProcess({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    try {
      const { body } = await postGraphQL(gateway.url, QUERY, { p: SEED.projectId });
      expect(body.errors).toBeUndefined();
      expect(body.data.project.pipelines.nodes).toHaveLength(2);
      expect(proxy.lines).toEqual([]);
      expect(gateway.logs.map((line) => line.msg)).toContain('upstream calls go through no proxy');
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  });
});

describe('a bad proxy URL', () => {
  const refusal = (name: string) =>
    `${name} must be an http(s) URL; the value given is not one (not shown: a URL may carry a password).`;

  it('is a ConfigError naming the setting, never its credentials', () => {
    for (const [name, value] of [
      ['HTTPS_PROXY', `http://gateway:${PASSWORD}@proxy.example:not-a-port`],
      ['HTTPS_PROXY', `socks5://gateway:${PASSWORD}@proxy.example:1080`],
      ['HTTP_PROXY', `gateway:${PASSWORD}@proxy.example:3128`],
      ['https_proxy', `ftp://gateway:${PASSWORD}@proxy.example`],
      ['http_proxy', 'proxy.example:3128'],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ MONGODB_ATLAS_BASE_URL: 'https://atlas.example.test', [name]: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([refusal(name)]);
      expect((error as ConfigError).message).not.toContain(PASSWORD);
    }
  });

  it('is refused even when the embedded simulator would leave it unused', () => {
    expect(() => loadConfig({ HTTPS_PROXY: 'not a url' })).toThrow(refusal('HTTPS_PROXY'));
  });

  it('stops the gateway process with status 2 and the message, without the credentials', async () => {
    const started = startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9',
      HTTPS_PROXY: `http://gateway:${PASSWORD}@proxy.example:not-a-port`,
    });
    const failure = await started.then(
      async (running) => {
        await running.stop();
        return undefined;
      },
      (error: Error) => error.message,
    );
    expect(failure).toContain(
      `exited with 2 before listening:\nInvalid configuration:\n  - ${refusal('HTTPS_PROXY')}`,
    );
    expect(failure).not.toContain(PASSWORD);
  });
});
