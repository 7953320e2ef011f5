import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

/**
 * The reference dashboard (examples/web) in a real browser: its production build, served by `vite
 * preview` with the example's own proxy of /graphql (HTTP and WebSocket) to a gateway over the
 * simulator, as its README runs it. Installs the example's dependencies from its lock file when they are
 * missing (`.ci/run` installs them before the tests). Skipped without chromium, as the GraphiQL test.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const EXAMPLE = new URL('../../examples/web/', import.meta.url).pathname;
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium.`);

/** A free loopback port for vite preview, which wants a fixed one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** `vite preview` of the example's build, forwarding /graphql to `gatewayUrl`; resolves once it listens. */
async function startPreview(
  gatewayUrl: string,
): Promise<{ url: string; process: ChildProcess; output: string[] }> {
  const port = await freePort();
  const vite = join(EXAMPLE, 'node_modules/vite/bin/vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: EXAMPLE, env: { ...process.env, GATEWAY_URL: gatewayUrl, NO_COLOR: '1' } },
  );
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`vite preview did not start: ${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output.push(String(chunk));
      if (output.join('').includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`vite preview exited ${code}: ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, output };
}

const restoreJobsOf = (cluster: string) =>
  `/groups/${SEED.projectId}/clusters/${cluster}/backup/restoreJobs`;

describe.skipIf(!available)('the web example (examples/web) in chromium', () => {
  let h: Harness;
  let browser: Browser;
  let preview: Awaited<ReturnType<typeof startPreview>>;
  beforeAll(async () => {
    const npm = (...args: string[]) =>
      execFileSync('npm', args, { cwd: EXAMPLE, stdio: 'pipe', timeout: 240_000 });
    if (!existsSync(join(EXAMPLE, 'node_modules/.package-lock.json')))
      npm('ci', '--no-audit', '--no-fund');
    // Type-checks the example (TypeScript strict), then bundles it.
    npm('run', 'build');
    // A restore takes 3 s in the simulator, and the gateway polls it every 200 ms at most.
    h = await startHarness({
      simulator: { runDurationMs: 3_000 },
      env: { RUN_POLL_INITIAL_MS: '100', RUN_POLL_MAX_MS: '200' },
    });
    preview = await startPreview(h.gateway.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    preview?.process.kill();
    await h?.close();
  });

  /** The rows of the table labelled `label`, as text. */
  const rows = (page: Page, label: string) =>
    page.getByRole('table', { name: label }).locator('tbody tr').allInnerTexts();

  /** The Atlas ids in the first column of the table labelled `label`. */
  const shownIds = (page: Page, label: string) =>
    page.getByRole('table', { name: label }).locator('tbody tr td:first-child').allInnerTexts();

  // Cluster0's seeded restore jobs, newest first (Sharded0 has the other).
  const { sharded: _sharded, ...cluster0Jobs } = SEED.clusterRestoreJobs;
  const cluster0RestoreJobs = Object.values(cluster0Jobs).reverse();

  it('lists projects, clusters and backups, loads more pages, and shows a restore progressing live', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const backupsAnswers: string[] = [];
    page.on('response', (response) => {
      if (response.request().postData()?.includes('query DashboardClusterBackups'))
        backupsAnswers.push(response.headers()['content-type'] ?? '');
    });

    await page.goto(preview.url);
    const projects = page.getByRole('region', { name: 'Projects' });
    await expect
      .poll(() => projects.getByRole('button').count(), { timeout: 20_000 })
      .toBe(SEED.projects.all.length);

    // A project's clusters, five at a time: "Load more" fetches the next page after the end cursor.
    await projects.getByRole('button').first().click();
    const clusters = page.getByRole('region', { name: 'Clusters' });
    const clusterButtons = clusters.locator('li button');
    await expect.poll(() => clusterButtons.count(), { timeout: 15_000 }).toBe(5);
    h.resetUpstream();
    await clusters.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => clusterButtons.count()).toBe(10);
    const shownClusters = (await clusterButtons.allInnerTexts()).map((text) => text.split('\n')[0]);
    expect(shownClusters).toEqual(SEED.clusters.all.slice(0, 10));
    // One call for the second page only, not the first again.
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${SEED.projectId}/clusters?pageNum=2&itemsPerPage=5&includeCount=true`,
    ]);

    // A cluster's backups: the snapshots first, the job lists in a deferred part.
    await clusters
      .getByRole('button', { name: new RegExp(`^${SEED.clusters.replicaSet}`) })
      .click();
    await expect.poll(() => rows(page, 'Snapshots'), { timeout: 15_000 }).toHaveLength(5);
    await expect.poll(() => rows(page, 'Restore jobs')).toHaveLength(5);
    await expect.poll(() => rows(page, 'Export jobs')).toHaveLength(5);
    const backups = page.getByRole('region', { name: 'Backups' });
    // Answered in parts: the gateway serves @defer.
    expect(backupsAnswers).toHaveLength(1);
    expect(backupsAnswers[0]).toMatch(/^multipart\/mixed/);
    await backups.getByRole('button', { name: 'Load more' }).first().click();
    await expect.poll(() => rows(page, 'Snapshots')).toHaveLength(10);
    await backups.getByRole('button', { name: 'Load more' }).nth(1).click();
    await expect.poll(() => shownIds(page, 'Restore jobs')).toEqual(cluster0RestoreJobs);

    // Download the newest completed snapshot, and watch the job over the WebSocket until it is done.
    const firstCompleted = page
      .getByRole('table', { name: 'Snapshots' })
      .locator('tbody tr', { hasText: 'COMPLETED' })
      .first();
    const snapshotId = (await firstCompleted.locator('code').innerText()).trim();
    h.resetUpstream();
    await firstCompleted.getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('button', { name: 'Start restore' }).click();
    const progress = page.getByLabel('Restore progress');
    await expect
      .poll(() => progress.locator('output').innerText(), { timeout: 15_000 })
      .toBe('RUNNING');
    await expect
      .poll(() => progress.locator('output').innerText(), { timeout: 20_000 })
      .toBe('COMPLETED');
    expect(await progress.innerText()).toContain('RUNNING → COMPLETED');
    // The restore job list starts over from its first page, the new job first, completed too (the
    // watch's events update the same cached job); the next page holds the others, none twice.
    const newest = (await rows(page, 'Restore jobs'))[0]!;
    expect(newest).toContain('COMPLETED');
    expect(newest).toContain('DOWNLOAD');
    expect(newest).toContain(snapshotId);
    const restoreJobId = (await progress.locator('code').innerText()).trim();
    expect(await shownIds(page, 'Restore jobs')).toEqual([
      restoreJobId,
      ...cluster0RestoreJobs.slice(0, 4),
    ]);
    await backups.getByRole('button', { name: 'Load more' }).nth(1).click();
    await expect
      .poll(() => shownIds(page, 'Restore jobs'))
      .toEqual([restoreJobId, ...cluster0RestoreJobs]);

    const created = h
      .upstream()
      .filter(
        (r) => r.method === 'POST' && r.path.endsWith(restoreJobsOf(SEED.clusters.replicaSet)),
      );
    expect(created.map((r) => r.body)).toEqual([{ deliveryType: 'download', snapshotId }]);
    expect(sockets).toEqual([`${preview.url.replace('http', 'ws')}/graphql`]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('web-example.png', ARTIFACTS).pathname, fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
