import { type Client, type ClientOptions, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** The gateway's GraphQL path as a WebSocket URL. */
export const wsUrl = (gatewayUrl: string) => `${gatewayUrl.replace(/^http/, 'ws')}/graphql`;

/** A `graphql-ws` client as a Node app makes one (`ws` as its WebSocket), never retrying. */
export function wsClient(gatewayUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: wsUrl(gatewayUrl),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...options,
  });
}

export interface WsOperation {
  /** `next` payloads in arrival order. */
  results: any[];
  /** Resolves when the operation completes; rejects with what the client reported (errors, a close event). */
  done: Promise<void>;
  /** Resolves once `count` results arrived (or the operation ended). */
  waitFor(count: number): Promise<void>;
  /** The client leaves: sends `complete`. */
  cancel(): void;
}

/** Subscribes (or queries) over `client` and records what comes back. */
export function run(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): WsOperation {
  const results: any[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  let cancel = () => {};
  const done = new Promise<void>((resolve, reject) => {
    cancel = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          results.push(result);
          notify();
        },
        error: (error) => {
          ended = true;
          notify();
          reject(error);
        },
        complete: () => {
          ended = true;
          notify();
          resolve();
        },
      },
    );
  });
  return {
    results,
    done,
    cancel: () => cancel(),
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (results.length >= count || ended) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      }),
  };
}
