import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Slow clients must not hold the gateway's sockets: SERVER_HEADERS_TIMEOUT_MS,
 * SERVER_REQUEST_TIMEOUT_MS and SERVER_KEEP_ALIVE_TIMEOUT_MS bound how long each stage may take.
 * Node's defaults (60 s, 300 s, 5 s) are far above what these tests wait for.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: {
      SERVER_HEADERS_TIMEOUT_MS: '300',
      SERVER_REQUEST_TIMEOUT_MS: '600',
      SERVER_KEEP_ALIVE_TIMEOUT_MS: '200',
    },
  });
});
afterAll(() => h.close());

/** A raw socket to the gateway: what it received, and when the gateway closed it. */
function rawClient() {
  const { hostname, port } = new URL(h.gateway.url);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const opened = Date.now();
  const closed = new Promise<number>((resolve) =>
    socket.on('close', () => resolve(Date.now() - opened)),
  );
  return { socket, closed, received: () => received };
}

/** Resolves with the close delay, or rejects when the socket is still open after `ms`. */
const closedWithin = (closed: Promise<number>, ms: number) =>
  Promise.race([
    closed,
    new Promise<number>((_, reject) =>
      setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms),
    ),
  ]);

const BODY = JSON.stringify({ query: '{ __typename }' });

describe('the HTTP server', () => {
  it('answers 408 and closes when the headers do not arrive in time', async () => {
    const client = rawClient();
    client.socket.write(
      'POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n',
    );
    await closedWithin(client.closed, 3000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes when the body trickles in past the request timeout', async () => {
    const client = rawClient();
    client.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`,
    );
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < BODY.length - 1 && !client.socket.destroyed) client.socket.write(BODY[sent++]!);
    }, 100);
    try {
      await closedWithin(client.closed, 3000);
    } finally {
      clearInterval(trickle);
    }
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('serves a request sent in time, then closes the idle keep-alive connection', async () => {
    const client = rawClient();
    client.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`,
    );
    const delay = await closedWithin(client.closed, 3000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received()).toContain('{"data":{"__typename":"Query"}}');
    expect(delay).toBeLessThan(3000);
  });
});
