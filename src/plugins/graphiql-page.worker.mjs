// Builds GraphiQL's page and its assets once, off the main thread: src/plugins/graphiql-page.ts starts this
// worker on the first request for either. Plain JavaScript, so that any Node 22+ runs it without a
// TypeScript loader. @graphql-yoga/render-graphiql holds 9 MB of inlined assets; imported here, they go
// away with the worker instead of staying in the gateway's heap (docs/performance.md).
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { brotliCompress, constants, gzip } from 'node:zlib';
import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import { stop, transform } from 'esbuild';

/** @type {{ options: import('graphql-yoga').GraphiQLOptions, assetsPath: string }} */
const { options, assetsPath } = workerData;

/** Media types by file extension. */
const TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  ico: 'image/x-icon',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};
/** Compressed already: sent as they are. */
const PRECOMPRESSED = new Set(['woff', 'woff2']);

/** Both codings, made once for every client. */
const compress = async (bytes) => {
  const [br, gz] = await Promise.all([
    // Quality 9: most of brotli's gain in under a second for the 5 MB script; 11 costs twenty times the CPU.
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
    promisify(gzip)(bytes, { level: 9 }),
  ]);
  return { bytes: bytes.byteLength, br, gzip: gz };
};

/** The assets by name, each compressing as soon as it is known. */
const assets = new Map();

/** Adds an asset named by its content, so that its URL changes exactly when it does; returns its URL. */
function asset(bytes, extension) {
  const name = `${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}.${extension}`;
  if (!assets.has(name)) {
    const body = PRECOMPRESSED.has(extension)
      ? Promise.resolve({ bytes: bytes.byteLength, identity: bytes })
      : compress(bytes);
    assets.set(
      name,
      body.then((compressed) => ({ name, type: TYPES[extension], ...compressed })),
    );
  }
  return `${assetsPath}${name}`;
}

/** A base64 `data:` URI's bytes, and the extension of its media type. */
function fromDataUri(uri) {
  const [, type, data] = /^data:([^;,]+);base64,(.*)$/s.exec(uri) ?? [];
  const extension = Object.keys(TYPES).find((known) => TYPES[known] === type);
  if (!extension) throw new Error(`Unexpected data URI in GraphiQL: ${uri.slice(0, 40)}`);
  return { bytes: Buffer.from(data, 'base64'), extension };
}

/**
 * The icon's 16, 32 and 48 pixel images, those a tab, a bookmark or a shortcut shows: 3 KB gzipped, where
 * the package's six sizes up to 256 pixels are 24 KB.
 */
function smallIcon(ico) {
  const images = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = ico.subarray(6 + 16 * index, 6 + 16 * (index + 1));
    const offset = entry.readUInt32LE(12);
    // A width of 0 means 256.
    return {
      entry,
      width: entry[0] || 256,
      data: ico.subarray(offset, offset + entry.readUInt32LE(8)),
    };
  }).filter(({ width }) => width <= 48);
  const header = Buffer.from(ico.subarray(0, 6));
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ entry, data }) => {
    const moved = Buffer.from(entry);
    moved.writeUInt32LE(offset, 12);
    offset += data.byteLength;
    return moved;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ data }) => data)]);
}

// Every font leaves the stylesheet for a URL of its own: inlined, the browser downloads all 36 unicode-range
// subsets (and codicon's font twice); linked, only those the page's text uses. Relative URLs: the fonts
// sit beside the stylesheet.
const stylesheet = css.replace(/url\((["']?)(data:font\/[^)"']+)\1\)/g, (_match, _quote, uri) => {
  const { bytes, extension } = fromDataUri(uri);
  return `url(${asset(bytes, extension).slice(assetsPath.length)})`;
});
const styles = asset(Buffer.from(stylesheet, 'utf8'), 'css');
const script = asset(Buffer.from(js, 'utf8'), 'js');
const icon = options.favicon ?? asset(smallIcon(fromDataUri(favicon).bytes), 'ico');

// The editor workers come unminified (2.7 MB; the main script is minified already). esbuild takes about
// half a second for them, while the assets above compress, and saves 147 KB gzipped, without which a
// gzip-only browser's first visit is over 2 MB (docs/performance.md).
const minified = await Promise.all(
  [editorWorkerService, jsonWorker, graphqlWorker].map(
    async (source) => (await transform(source, { minify: true, legalComments: 'none' })).code,
  ),
);
// esbuild's service is a child process: ended now, not when this thread exits.
await stop();
// Monaco starts each editor worker, as a module worker, from the URL MonacoEnvironment.getWorkerUrl gives.
const [editorWorker, jsonWorkerUrl, graphqlWorkerUrl] = minified.map((code) =>
  asset(Buffer.from(code, 'utf8'), 'js'),
);
const workers = {
  editorWorkerService: editorWorker,
  json: jsonWorkerUrl,
  graphql: graphqlWorkerUrl,
};

/** JSON safe inside a <script>: no `</script>` or `<!--` can end it early. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeHtml = (text) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

// The package's own template (its esm/index.js), with links in place of the inlined assets.
const html = Buffer.from(
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title || 'Yoga GraphiQL')}</title>
    <link rel="icon" href="${escapeHtml(icon)}" />
    <link rel="stylesheet" href="${styles}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return workers[label];
        },
      };
    </script>
    <script src="${script}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(window.document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`,
  'utf8',
);

parentPort.postMessage({
  hash: createHash('sha256').update(html).digest('base64url'),
  ...(await compress(html)),
  assets: await Promise.all(assets.values()),
});
