import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type Encoding, preferredEncoding } from './compression.ts';

/** Any cache may keep the page, but asks each time whether it is still current (a 304 when it is). */
export const GRAPHIQL_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** An asset's URL names its content: it never changes, so it is never asked for again. */
export const GRAPHIQL_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * One body, kept only compressed (br and gzip), or as it is when it is compressed already (web fonts).
 * Buffers arrive from the worker as plain Uint8Arrays.
 */
type Body = { bytes: number } & ({ br: Uint8Array; gzip: Uint8Array } | { identity: Uint8Array });

type GraphiQLAsset = Body & {
  /** `<content hash>.<extension>`: its URL under `<endpoint>/graphiql/`. */
  name: string;
  type: string;
};

type GraphiQLPage = Body & {
  /** sha256 of the page's HTML: the validator of this build. */
  hash: string;
  assets: GraphiQLAsset[];
};

interface Built {
  page: GraphiQLPage;
  assets: Map<string, GraphiQLAsset>;
}

/**
 * Serves GraphiQL (`GET <endpoint>` asking for HTML) in place of Yoga's own page plugin, which renders the
 * 9 MB page, every asset inlined, anew, uncompressed and uncacheable, on every request. The page and its
 * assets (script, stylesheet, fonts, icon, editor workers: `GET <endpoint>/graphiql/<hash>.<ext>`) are
 * built once, on their first request and not at start-up, in a worker
 * (src/plugins/graphiql-page.worker.mjs); only their br and gzip bytes are kept. The page has a strong
 * ETag of that build and is revalidated; an asset's URL names its content, so it is cached for good.
 * `If-None-Match` is answered here: the response cache's removal of that header
 * (src/plugins/response-cache.ts) runs later, for GraphQL requests only.
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
  const assetsPath = `${endpoint}/graphiql/`;
  let built: Promise<Built> | undefined;
  const build = () => {
    if (!built) {
      const started = performance.now();
      built = buildPage(options(), assetsPath).then(
        (page) => {
          const sum = (encoding: Encoding) =>
            page.assets.reduce((total, asset) => total + wireBytes(asset, encoding), 0);
          logger.info(
            {
              bytes: page.bytes,
              brBytes: wireBytes(page, 'br'),
              gzipBytes: wireBytes(page, 'gzip'),
              assets: page.assets.length,
              assetsBrBytes: sum('br'),
              assetsGzipBytes: sum('gzip'),
              ms: Math.round(performance.now() - started),
            },
            'GraphiQL page built',
          );
          return { page, assets: new Map(page.assets.map((asset) => [asset.name, asset])) };
        },
        (error: unknown) => {
          // The next request tries again.
          built = undefined;
          throw error;
        },
      );
    }
    return built;
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET') return;
      const asset = url.pathname.startsWith(assetsPath)
        ? url.pathname.slice(assetsPath.length)
        : undefined;
      const page =
        (url.pathname === endpoint || url.pathname === `${endpoint}/`) &&
        request.headers.get('accept')?.includes('text/html');
      if (asset === undefined && !page) return;
      return build().then(
        async ({ page, assets }) => {
          if (asset === undefined) {
            return endResponse(
              await respond(fetchAPI, request, page, {
                tag: page.hash,
                type: 'text/html; charset=utf-8',
                cacheControl: GRAPHIQL_CACHE_CONTROL,
                vary: 'Accept, Accept-Encoding',
              }),
            );
          }
          const found = assets.get(asset);
          if (!found) {
            return endResponse(
              new fetchAPI.Response('No such GraphiQL asset.', {
                status: 404,
                headers: {
                  'content-type': 'text/plain; charset=utf-8',
                  'cache-control': 'no-store',
                },
              }),
            );
          }
          endResponse(
            await respond(fetchAPI, request, found, {
              tag: found.name.slice(0, found.name.indexOf('.')),
              type: found.type,
              cacheControl: GRAPHIQL_ASSET_CACHE_CONTROL,
              vary: 'Accept-Encoding',
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

/** The bytes a body costs on the wire in this coding (a web font is the same in every coding). */
function wireBytes(body: Body, encoding: Encoding): number {
  return 'identity' in body ? body.identity.byteLength : body[encoding].byteLength;
}

/**
 * The body in the coding the client prefers, with a strong ETag per body and coding, or a 304 when
 * `If-None-Match` names it. A client taking neither coding is rare (curl without --compressed): the body
 * is inflated for it, per request.
 */
async function respond(
  fetchAPI: { Response: typeof Response },
  request: Request,
  body: Body,
  {
    tag,
    type,
    cacheControl,
    vary,
  }: { tag: string; type: string; cacheControl: string; vary: string },
): Promise<Response> {
  const encoding =
    'identity' in body ? undefined : preferredEncoding(request.headers.get('accept-encoding'));
  const etag = `"${tag}${encoding ? `.${encoding}` : ''}"`;
  const headers = {
    etag,
    'cache-control': cacheControl,
    // A web font is the same whatever the client accepts.
    ...('identity' in body ? {} : { vary }),
  };
  if (matches(request.headers.get('if-none-match'), etag)) {
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  const bytes =
    'identity' in body
      ? body.identity
      : encoding
        ? body[encoding]
        : await promisify(gunzip)(body.gzip);
  return new fetchAPI.Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...headers,
      'content-type': type,
      ...(encoding ? { 'content-encoding': encoding satisfies Encoding } : {}),
    },
  });
}

/** `If-None-Match` holds `*` or this exact tag (compared weakly, as RFC 9110 asks for this header). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((listed) => {
    const tag = listed.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

function buildPage(options: GraphiQLOptions, assetsPath: string): Promise<GraphiQLPage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./graphiql-page.worker.mjs', import.meta.url), {
      workerData: { options, assetsPath },
      // Not the gateway's own flags: its TypeScript loader has nothing to do in this plain module.
      execArgv: [],
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a message this changes nothing; without one, the build failed.
    worker.once('exit', (code) => reject(new Error(`The GraphiQL worker exited with ${code}.`)));
  });
}
