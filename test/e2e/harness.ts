/**
 * @file End-to-end harness: a generated dataset, serve mode in this process, and Debian Chromium
 * through playwright-core (never a downloaded browser). WebGL runs on SwiftShader.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeDataset, type MakeDatasetOptions } from '../../electron/core/fixtures/make-dataset.js';
import { serveCommand } from '../../electron/server/serve-command.js';
import { REPO_ROOT } from '../helpers/paths.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the e2e prerequisites exist (a browser and a built renderer). */
export function e2eSkipReason(): string | false {
  if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM}`;
  if (!existsSync(join(REPO_ROOT, 'dist-renderer', 'index.html'))) {
    return 'no built renderer (run node scripts/build-renderer.mjs)';
  }
  return false;
}

export async function makeTempDataset(
  options: MakeDatasetOptions,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'kilocurate-e2e-'));
  const dir = join(root, 'ks4');
  await makeDataset(dir, options);
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

export interface Served {
  url: string;
  stop: () => Promise<void>;
  errors: string[];
}

/** Runs `kilocurate serve DIR` in this process; resolves once the URL is printed. */
export async function serve(dir: string, userDataDir: string): Promise<Served> {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const errors: string[] = [];
  let resolveUrl!: (url: string) => void;
  const urlPromise = new Promise<string>((r) => (resolveUrl = r));
  const done = serveCommand([dir, '--renderer', join(REPO_ROOT, 'dist-renderer')], {
    out: (line) => {
      const m = /^Open (\S+)/.exec(line);
      if (m) resolveUrl(m[1]!);
    },
    err: (line) => errors.push(line),
    stopped,
    userDataDir,
  });
  const url = await Promise.race([
    urlPromise,
    done.then((code) => {
      throw new Error(`serve exited with ${code}: ${errors.join('\n')}`);
    }),
  ]);
  return {
    url,
    errors,
    stop: async () => {
      stop();
      await done;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Opens the app and waits until the cluster table has rows. */
export async function openApp(
  browser: Browser,
  url: string,
): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="cluster-table"] .vt-row', { timeout: 30_000 });
  return { page, consoleErrors };
}

/** A generated dataset served to a fresh browser page: everything an e2e test file needs. */
export interface AppUnderTest {
  dir: string;
  served: Served;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** Closes the browser and the server, removes the dataset and the user-data folder. */
  close: () => Promise<void>;
}

export async function startAppOnGeneratedData(options: MakeDatasetOptions): Promise<AppUnderTest> {
  const dataset = await makeTempDataset(options);
  const userData = await mkdtemp(join(tmpdir(), 'kilocurate-e2e-user-'));
  const served = await serve(dataset.dir, userData);
  const browser = await launchBrowser();
  const { page, consoleErrors } = await openApp(browser, served.url);
  return {
    dir: dataset.dir,
    served,
    browser,
    page,
    consoleErrors,
    close: async () => {
      await browser.close();
      await served.stop();
      await dataset.remove();
      await rm(userData, { recursive: true, force: true });
    },
  };
}
