import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type Encoding, preferredEncoding } from './compression.ts';

/** Any cache may keep the page, but asks each time whether it is still current (a 304 when it is). */
export const GRAPHIQL_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

interface GraphiQLPage {
  /** sha256 of the page's HTML: the validator of this build. */
  hash: string;
  /** The HTML's size, uncompressed. */
  bytes: number;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Serves GraphiQL (`GET <endpoint>` asking for HTML) in place of Yoga's own page plugin, which renders the
 * 9 MB page anew, uncompressed and uncacheable, on every request. The page is built once, on its first
 * request and not at start-up, in a worker (src/plugins/graphiql-page.worker.mjs); only its br and gzip
 * bytes are kept. Each representation has a strong ETag of that build, and `If-None-Match` is answered
 * here: the response cache's removal of that header (src/plugins/response-cache.ts) runs later, for
 * GraphQL requests only.
 */
export function graphiqlPage({
  endpoint,
  options,
  logger,
}: {
  endpoint: string;
  /** Read when the page is built. */
  options: () => GraphiQLOptions;
  logger: Logger;
}): Plugin {
  let page: Promise<GraphiQLPage> | undefined;
  const built = () => {
    if (!page) {
      const started = performance.now();
      page = buildPage(options()).then(
        (result) => {
          logger.info(
            {
              bytes: result.bytes,
              brBytes: result.br.byteLength,
              gzipBytes: result.gzip.byteLength,
              ms: Math.round(performance.now() - started),
            },
            'GraphiQL page built',
          );
          return result;
        },
        (error: unknown) => {
          // The next request tries again.
          page = undefined;
          throw error;
        },
      );
    }
    return page;
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      return built().then(
        async ({ hash, br, gzip }) => {
          const encoding = preferredEncoding(request.headers.get('accept-encoding'));
          const etag = `"${hash}${encoding ? `.${encoding}` : ''}"`;
          const headers = {
            etag,
            'cache-control': GRAPHIQL_CACHE_CONTROL,
            vary: 'Accept, Accept-Encoding',
          };
          if (matches(request.headers.get('if-none-match'), etag)) {
            return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          }
          // A client taking neither coding is rare (curl without --compressed): inflated per request.
          const body = encoding ? { br, gzip }[encoding] : await promisify(gunzip)(gzip);
          endResponse(
            new fetchAPI.Response(body as Uint8Array<ArrayBuffer>, {
              status: 200,
              headers: {
                ...headers,
                'content-type': 'text/html; charset=utf-8',
                ...(encoding ? { 'content-encoding': encoding satisfies Encoding } : {}),
              },
            }),
          );
        },
        (error: unknown) => {
          logger.error({ err: error }, 'GraphiQL page could not be built');
          endResponse(
            new fetchAPI.Response('GraphiQL could not be built; see the gateway log.', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
            }),
          );
        },
      );
    },
  };
}

/** `If-None-Match` holds `*` or this exact tag (compared weakly, as RFC 9110 asks for this header). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((listed) => {
    const tag = listed.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

function buildPage(options: GraphiQLOptions): Promise<GraphiQLPage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./graphiql-page.worker.mjs', import.meta.url), {
      workerData: { options },
      // Not the gateway's own flags: its TypeScript loader has nothing to do in this plain module.
      execArgv: [],
    });
    worker.once(
      'message',
      (page: Omit<GraphiQLPage, 'br' | 'gzip'> & Record<Encoding, Uint8Array>) =>
        // Buffers arrive as plain Uint8Arrays: viewed as Buffers again, not copied.
        resolve({
          ...page,
          br: Buffer.from(page.br.buffer, page.br.byteOffset, page.br.byteLength),
          gzip: Buffer.from(page.gzip.buffer, page.gzip.byteOffset, page.gzip.byteLength),
        }),
    );
    worker.once('error', reject);
    // After a message this changes nothing; without one, the build failed.
    worker.once('exit', (code) => reject(new Error(`The GraphiQL worker exited with ${code}.`)));
  });
}
