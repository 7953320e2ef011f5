/** What a browser's `Accept` says when it opens a page. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** An asset's path, as the page and its stylesheet name them (src/plugins/graphiql-page.worker.mjs). */
const ASSET = /\/graphql\/graphiql\/[\w-]+\.\w+/g;

/**
 * GraphiQL's page (GET /graphql as a browser asks for it) and the paths of every asset it names: those of
 * the page itself (stylesheet, script, icon, editor workers) and the fonts its stylesheet names beside it.
 */
export async function graphiqlAssets(
  gatewayUrl: string,
): Promise<{ html: string; stylesheet: string; assets: string[] }> {
  const page = await fetch(`${gatewayUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  if (page.status !== 200) throw new Error(`GraphiQL's page: ${page.status}`);
  const html = await page.text();
  const linked = [...new Set(html.match(ASSET))];
  const stylesheetPath = linked.find((path) => path.endsWith('.css'));
  if (!stylesheetPath) throw new Error('GraphiQL links no stylesheet');
  const stylesheet = await (await fetch(`${gatewayUrl}${stylesheetPath}`)).text();
  const fonts = [
    ...new Set(
      [...stylesheet.matchAll(/url\(["']?([\w-]+\.(?:woff2?|ttf))["']?\)/g)].map(
        ([, name]) => name,
      ),
    ),
  ].map((name) => `/graphql/graphiql/${name}`);
  return { html, stylesheet, assets: [...linked, ...fonts] };
}
