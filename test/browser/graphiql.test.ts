import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/graphiql.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { rawRequest } from '../support/raw-http.ts';

/**
 * GraphiQL in a real browser: Debian's chromium, driven by playwright-core, opens the page the gateway
 * serves, runs the default query against the simulator and reads the answer off the page. `.ci/run`
 * installs chromium; elsewhere the test is skipped when it is missing (never in CI).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium.`);

describe.skipIf(!available)('GraphiQL in chromium', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // As root on a machine without outside network: no sandbox, no GPU, no background connections.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens GraphiQL, runs the default query against the simulator and shows its result, then an example tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const requested: Request[] = [];
    page.on('request', (request) => requested.push(request));
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    const visit = await page.goto(`${h.gateway.url}/graphql`);
    // Over plain HTTP to a loopback address chromium still asks for br.
    expect(visit!.headers()['content-encoding']).toBe('br');
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });

    // The default query's tab first, then one tab per example operation.
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count()).toBe(exampleOperations().length + 1);
    const tabNames = (await tabs.allInnerTexts()).map((text) => text.trim());
    expect(tabNames[0]).toBe('Overview');
    for (const { name } of exampleOperations()) expect(tabNames).toContain(name);

    h.resetUpstream();
    await run.click();
    // What the result pane shows (Monaco draws spaces as no-break spaces).
    const shownText = async () =>
      (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(shownText, { timeout: 15_000 }).toContain(`"name": "${SEED.pipelines.big}"`);
    const shown = await shownText();
    expect(shown).toContain(`"atlasId": "${SEED.projectId}"`);
    expect(shown).toContain(`"totalCount": ${SEED.pipelines.all.length}`);
    expect(shown).not.toContain('"errors"');
    // The query went through the gateway to the simulator: the pipeline list, then five run lists.
    expect(calls(h.upstream()).filter((call) => call.endsWith('/pipelines'))).toHaveLength(1);
    expect(calls(h.upstream()).filter((call) => call.includes('/runs?'))).toHaveLength(5);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('graphiql.png', ARTIFACTS).pathname });

    // An example tab brings its own variables: PipelineRuns runs with them as it opens. Opened by keyboard:
    // on the tab bar (a drag-to-reorder list) Playwright's mouse click does not switch tabs, Enter does.
    await page.locator('.graphiql-tab-button', { hasText: /^PipelineRuns$/ }).focus();
    await page.keyboard.press('Enter');
    const editorText = async () =>
      (await page.locator('.graphiql-query-editor').innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(editorText).toContain('query PipelineRuns(');
    // GraphiQL reads the operation name of a newly opened tab a moment after showing it; a run before
    // then answers "Cannot infer operation", and a person would press ▶ again.
    await expect
      .poll(
        async () => {
          await run.click();
          await page.waitForTimeout(300);
          return shownText();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain('"pipeline": {');
    // Only PipelineRuns reads `project.pipeline`, and its variables name the big pipeline.
    await expect.poll(shownText).toContain(`"name": "${SEED.pipelines.big}"`);
    expect(await shownText()).not.toContain('"errors"');
    await page.screenshot({ path: new URL('graphiql-example-tab.png', ARTIFACTS).pathname });

    // Every asset came from the gateway itself (or from blobs and data URIs the page made): no CDN.
    const origin = new URL(h.gateway.url).origin;
    const foreign = requested
      .map((request) => request.url())
      .filter(
        (url) =>
          !url.startsWith(`${origin}/`) &&
          !url.startsWith(`blob:${origin}/`) &&
          !url.startsWith('data:'),
      );
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);

    // A first visit, by a browser that takes only gzip (as over plain HTTP to an internal host): the page
    // and every asset the browser fetched (GraphQL operations aside), read again as they cross the wire.
    // A URL asked for again (an editor worker started again, the icon) is counted once: it is immutable.
    const downloads = [
      ...new Map(
        requested
          .filter((request) => request.method() === 'GET' && request.url().startsWith(`${origin}/`))
          .map((request) => [request.url(), request]),
      ).values(),
    ];
    const assets = downloads.map((request) => new URL(request.url()).pathname);
    expect(assets[0]).toBe('/graphql');
    // The stylesheet, the script, the icon, the fonts the page's text uses and the editor workers.
    expect(assets.slice(1).every((path) => /^\/graphql\/graphiql\/[\w-]+\.\w+$/.test(path))).toBe(
      true,
    );
    const wire = { gzip: 0, br: 0 };
    const sizes: string[] = [];
    for (const request of downloads) {
      // As the browser asked (a document wants HTML), the coding aside.
      const { accept = '*/*' } = await request.allHeaders();
      const sent: Record<string, number> = {};
      for (const encoding of ['gzip', 'br'] as const) {
        const response = await rawRequest(request.url(), {
          headers: { accept, 'accept-encoding': encoding },
        });
        expect(response.status, request.url()).toBe(200);
        expect([undefined, encoding]).toContain(response.headers['content-encoding']);
        sent[encoding] = response.wire.byteLength;
        wire[encoding] += response.wire.byteLength;
      }
      sizes.push(`${new URL(request.url()).pathname} ${sent.gzip} gzip, ${sent.br} br`);
    }
    console.info(
      `GraphiQL, a first visit: ${downloads.length} downloads, ${wire.gzip} bytes with gzip, ${wire.br} with br\n${sizes.join('\n')}`,
    );
    expect(wire.gzip).toBeLessThanOrEqual(2_000_000);
    expect(wire.br).toBeLessThan(wire.gzip);
    await context.close();
  }, 60_000);
});
