/**
 * End to end, in Debian Chromium against `kilocurate serve` on a generated dataset: compute the
 * quality metrics (progress bar in the status bar), show a metric column, sort and filter by it,
 * walk the merge suggestions (merge-score column), ask the Kilosort4 rule set for label
 * suggestions and accept one; the journal records the reason. Screenshots go to
 * test-output/e2e/metrics-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';

import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/paths.js';
import { type AppUnderTest, e2eSkipReason, startAppOnGeneratedData } from './harness.js';

const skip = e2eSkipReason();
const SHOTS = join(REPO_ROOT, 'test-output', 'e2e');

interface PageApp {
  orderIds: number[];
  selected: number[];
  similarSelected: number[];
  table: {
    ids: Int32Array;
    labels: Record<string, Array<string | number | null>>;
    metrics: Record<string, Float32Array>;
  };
}
const appState = <T>(page: Page, fn: (app: PageApp) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(globalThis.__kcApp)`) as Promise<T>;
/**
 * Waits until `fn(app, arg)` holds in the page, polling with page.evaluate (a string function is
 * refused by waitForFunction under the page's CSP; evaluate runs through the devtools protocol).
 */
async function waitApp<A>(page: Page, fn: (app: PageApp, arg: A) => boolean, arg?: A) {
  const src = `(${fn.toString()})(globalThis.__kcApp, ${JSON.stringify(arg ?? null)})`;
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(src))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${fn.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let app: AppUnderTest;
let page: Page;
let consoleErrors: string[];

before(async () => {
  if (skip) return;
  await mkdir(SHOTS, { recursive: true });
  app = await startAppOnGeneratedData({ units: 24, durationS: 60, seed: 7, nChannels: 64 });
  ({ page, consoleErrors } = app);
});

after(async () => {
  if (skip) return;
  await app?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `metrics-${name}.png`) });

test('metrics and suggestions in the browser', { skip, timeout: 150_000 }, async (t) => {
  const nClusters = await appState(page, (a) => a.table.ids.length);

  await t.test('a running computation can be cancelled from the status bar', async () => {
    await page.click('[data-testid="metrics-compute"]');
    await page.click('[data-testid="status-bar"] [data-testid="task-cancel"]', { timeout: 10_000 });
    // (The page's CSP forbids string predicates; this file has no DOM typings, hence the cast.)
    type Doc = { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
    await page.waitForFunction(() =>
      Array.from(
        (globalThis as unknown as { document: Doc }).document.querySelectorAll(
          '[data-testid="notice-info"]',
        ),
      ).some((n) => n.textContent?.includes('Metrics cancelled') === true),
    );
    await page.waitForSelector('[data-testid="status-bar"] [data-testid="task"]', {
      state: 'detached',
    });
    assert.equal(await appState(page, (a) => a.table.metrics['snr'] === undefined), true);
  });

  await t.test('compute the metrics: a progress bar, then metric columns', async () => {
    await page.click('[data-testid="metrics-compute"]');
    await page.waitForSelector('[data-testid="status-bar"] [data-testid="task"]', {
      timeout: 10_000,
    });
    await waitApp(page, (a) => a.table.metrics['snr'] !== undefined);
    await page.waitForSelector('[data-testid="status-bar"] [data-testid="task"]', {
      state: 'detached',
    });
    const snr = await appState(page, (a) => [...a.table.metrics['snr']!]);
    assert.equal(snr.length, nClusters);
    assert.ok(
      snr.every((x) => Number.isFinite(x) && x > 0),
      'every cluster has an SNR',
    );
    await page.waitForSelector('[data-testid="metrics-stats"]:text-matches("clusters in")');
  });

  await t.test('show the snr column, sort and filter by it', async () => {
    await page.click('button:text("Columns…")');
    await page.getByLabel('snr', { exact: true }).check();
    await page.click('[data-testid="columns"] h2 button'); // close the chooser
    await page.waitForSelector('[data-testid="cluster-table"] .vt-th[data-col="snr"]');
    await page.click('[data-testid="cluster-table"] .vt-th[data-col="snr"]');
    const rows = await appState(page, (a) =>
      a.orderIds.map((id) => a.table.metrics['snr']![[...a.table.ids].indexOf(id)]!),
    );
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]! >= rows[i]!, 'descending snr');
    // The first row's snr cell shows the value with 3 decimals.
    const header = await page.$$eval('[data-testid="cluster-table"] .vt-th', (ths) =>
      ths.map((th) => th.getAttribute('data-col')),
    );
    const col = header.indexOf('snr');
    const text = await page
      .locator('[data-testid="cluster-table"] .vt-row >> nth=0')
      .locator('.vt-td')
      .nth(col)
      .textContent();
    assert.equal(text, rows[0]!.toFixed(3));

    const sorted = [...rows].sort((x, y) => x - y);
    const threshold = Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(2));
    const expected = rows.filter((x) => x > threshold).length;
    assert.ok(expected > 0 && expected < nClusters);
    await page.fill('[data-testid="filter-input"]', `snr > ${threshold}`);
    await page.waitForSelector(
      `[data-testid="filter-count"]:text-matches("^\\s*${expected} / ${nClusters}")`,
    );
    assert.equal(await page.locator('[data-testid="cluster-table"] .vt-row').count(), expected);
    await shot('01-snr-filtered');
    await page.fill('[data-testid="filter-input"]', '');
  });

  await t.test('walk the suggested merges; the similarity table shows merge scores', async () => {
    await page.click('[data-testid="suggest-merges"]');
    await waitApp(page, (a) => a.selected.length === 1 && a.similarSelected.length === 1);
    await page.waitForSelector('[data-testid="merge-pair"]:text-matches("pair 1/")');
    await page.waitForSelector('[data-testid="similar-table"] .vt-th[data-col="mergeScore"]');
    const b = await appState(page, (a) => a.similarSelected[0]!);
    const cell = page
      .locator(`[data-testid="similar-table"] .vt-row[data-id="${b}"] .vt-td`)
      .nth(2);
    await page.waitForFunction(
      (el) => /^\d\.\d{3}/.test(el?.textContent ?? ''),
      await cell.elementHandle(),
    );
    // The header shows the pair's score with 2 decimals, the cell with 3: the same number.
    const pairText = await page.textContent('[data-testid="merge-pair"]');
    const score = Number(/\(([\d.]+)\)/.exec(pairText ?? '')![1]!);
    const cellScore = Number.parseFloat((await cell.textContent()) ?? '');
    assert.ok(Math.abs(cellScore - score) <= 0.0055, `${cellScore} vs ${score}`);
    await shot('02-merge-suggestion');
    await page.click('[data-testid="next-merge"]');
    await page.waitForSelector('[data-testid="merge-pair"]:text-matches("pair 2/")');
  });

  await t.test('suggest labels with the Kilosort4 rules and accept one', async () => {
    await page.selectOption('[data-testid="rule-set"]', 'ks4');
    await waitApp(page, (a) => a.table.labels['suggested'] !== undefined);
    await page.waitForSelector('[data-testid="cluster-table"] .vt-th[data-col="suggested"]');
    // KS4's rule reproduces Kilosort's KSLabel on untouched clusters.
    const { suggested, ks } = await appState(page, (a) => ({
      suggested: a.table.labels['suggested']!,
      ks: a.table.labels['KSLabel']!,
    }));
    assert.deepEqual(suggested, ks);
    const target = await appState(page, (a) => {
      const i = a.table.labels['suggested']!.findIndex((s) => s === 'mua');
      return a.table.ids[i]!;
    });
    const row = `[data-testid="cluster-table"] .vt-row[data-id="${target}"]`;
    await page.click(`${row} .vt-td >> nth=0`);
    const header = await page.$$eval('[data-testid="cluster-table"] .vt-th', (ths) =>
      ths.map((th) => th.getAttribute('data-col')),
    );
    const cell = page.locator(`${row} .vt-td`).nth(header.indexOf('suggested'));
    await cell.hover();
    const title = (await cell.getAttribute('title')) ?? '';
    assert.match(title, /^mua \(kilosort4\)\nfailed: /);
    await page.click('[data-testid="accept-suggestion"]');
    await waitApp(
      page,
      (a, id) => a.table.labels['group']![[...a.table.ids].indexOf(id as number)] === 'mua',
      target,
    );
    await shot('03-suggestion-accepted');
    await page
      .getByTestId('notice-success')
      .filter({ hasText: `${target} → mua` })
      .waitFor();
    const db = new Database(join(app.dir, '.kilocurate', 'session.sqlite'), {
      readonly: true,
    });
    try {
      const last = db.prepare('SELECT type, reason FROM actions ORDER BY seq DESC LIMIT 1').get();
      assert.deepEqual(last, { type: 'label', reason: 'suggested by kilosort4' });
    } finally {
      db.close();
    }
  });

  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(app.served.errors, []);
});
