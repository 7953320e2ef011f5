/** A GraphQL subscription over Server-Sent Events as a browser's fetch-based client sends it (POST JSON). */

export interface SseEvent {
  event: string;
  data: any;
}

export interface SseSubscription {
  /** Events in arrival order; the stream's `complete` event included. */
  events: SseEvent[];
  /** Resolves once `count` events (of any kind) have arrived, or the stream has ended. */
  waitFor(count: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Leaves: the client closes the connection. */
  close(): void;
}

export async function subscribe(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body)
    throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  let done = false;
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (event) events.push({ event, data: data ? JSON.parse(data) : undefined });
          notify();
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    events,
    ended,
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (events.length >= count || done) {
            waiters.delete(check);
            resolve(events);
          }
        };
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

/** The `next` payloads of a stream. */
export const payloads = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'next').map((e) => e.data);
