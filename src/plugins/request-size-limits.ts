import type { Plugin } from 'graphql-yoga';
import { operationLimitError } from '../errors/catalogue.ts';

/** GET operations travel in the URL: beyond this, a client should POST (or send a trusted document's hash). */
export const MAX_URL_BYTES = 16 * 1024;

/**
 * Refuses oversized requests before they are parsed: a URL over 16 KiB (414) and a body over
 * `maxBodyBytes` (413). A declared Content-Length is checked at once (Node's parser holds the body to
 * it); a chunked body is read up to the limit and no further.
 */
export function requestSizeLimits(maxBodyBytes: number): Plugin {
  // The rest of the body is never read: closing the connection stops the upload and keeps the
  // client from sending its next request on a connection still full of this one.
  const tooLarge = () =>
    operationLimitError(
      'bodyBytes',
      maxBodyBytes,
      `The request body exceeds ${maxBodyBytes} bytes.`,
      {
        status: 413,
        headers: { connection: 'close' },
      },
    );
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (Buffer.byteLength(request.url) > MAX_URL_BYTES) {
        throw operationLimitError(
          'urlBytes',
          MAX_URL_BYTES,
          `The URL exceeds ${MAX_URL_BYTES} bytes; send the operation in a POST body.`,
          { status: 414 },
        );
      }
      if (request.method === 'GET' || request.method === 'HEAD' || !requestParser) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBodyBytes) throw tooLarge();
        return;
      }
      setRequestParser(async (original) => {
        const body = await readAtMost(original, maxBodyBytes, tooLarge);
        return requestParser(
          new fetchAPI.Request(original.url, {
            method: original.method,
            headers: original.headers,
            body,
          }),
        );
      });
    },
  };
}

async function readAtMost(request: Request, limit: number, tooLarge: () => Error): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!request.body) return new Blob([]);
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]);
}
