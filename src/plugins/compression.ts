import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Below this, compression saves less than the bytes and CPU it costs (docs/http.md). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/**
 * Only whole bodies: GraphQL answers and /metrics. Streams (text/event-stream, multipart) are never
 * compressed: zlib holds output back until it has a block, so events would stall in it.
 */
const COMPRESSIBLE = /^\s*(application\/(graphql-response\+)?json|text\/plain)\s*(;|$)/i;

const compress = {
  // Quality 4: most of brotli's gain over gzip at about gzip's speed; 11 (the default) costs ~100x.
  br: (body: Uint8Array) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
  gzip: (body: Uint8Array) => promisify(gzip)(body),
};

/**
 * The coding to answer with, from the client's `Accept-Encoding`: the higher weighted of br and gzip, br
 * on a tie; none when neither is acceptable (absent, or `q=0`).
 */
export function preferredEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const item of acceptEncoding.split(',')) {
    const [coding = '', ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = Math.max(weight('gzip'), weights.get('x-gzip') ?? 0);
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : undefined;
}

/** Adds `Accept-Encoding` to the response's `Vary`, keeping what other plugins put there. */
export function varyOnAcceptEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
    headers.set('vary', `${vary}, Accept-Encoding`);
}

/**
 * Compresses whole answers of 1 KB or more with br or gzip, as the client's `Accept-Encoding` prefers.
 * @whatwg-node/server's useContentEncoding was not used: it takes the first coding listed, without
 * trimming or weights (so `gzip, deflate, br` never gets br), compresses event streams, and inflates
 * compressed request bodies: LIMIT_BODY_BYTES would check only the compressed Content-Length
 * (src/plugins/request-size-limits.ts). Put last, so that it sees the headers every other plugin set.
 */
export function compression(): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (request.method === 'HEAD' || response.status === 204 || response.status === 304) return;
      if (response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < COMPRESSION_THRESHOLD_BYTES) return;
      const encoding = preferredEncoding(request.headers.get('accept-encoding'));
      return response.arrayBuffer().then(async (buffer) => {
        const body = new Uint8Array(buffer);
        const headers = new fetchAPI.Headers(response.headers);
        const large = body.byteLength >= COMPRESSION_THRESHOLD_BYTES;
        // The representation depends on Accept-Encoding whenever the answer is large enough.
        if (large) varyOnAcceptEncoding(headers);
        let sent: Uint8Array = body;
        if (large && encoding) {
          sent = await compress[encoding](body);
          headers.set('content-encoding', encoding);
        }
        headers.set('content-length', String(sent.byteLength));
        setResponse(
          // zlib's Buffers are typed over ArrayBufferLike, which lib.dom's BodyInit does not take.
          new fetchAPI.Response(sent as Uint8Array<ArrayBuffer>, {
            status: response.status,
            statusText: response.statusText,
            headers,
          }),
        );
      });
    },
  };
}
