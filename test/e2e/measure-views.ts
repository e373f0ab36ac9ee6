/**
 * @file Select a cluster -> every visible data view (waveform, features, amplitudes,
 * correlograms, ...) drawn, measured in the page from the views' performance records
 * (renderer/gl/view-perf.ts: from the app's selection mark to the last view's frame). For the e2e
 * tests and the benchmark.
 */
import type { Page } from 'playwright-core';
import { stats, type Stats } from './measure-selection.js';

type ViewPerfWindow = {
  __kcViewPerf: { selections: number[]; seqs: number[]; pending: boolean };
  __kcApp: { orderIds: number[]; setSelection(ids: number[]): void; selectionSeq: number };
};

/**
 * Selects `count` clusters one after another (the cluster table's display order, from row
 * `firstRow`) and returns the selection -> all visible data views drawn latencies (ms). Each
 * selection waits until drawn.
 */
export async function measureViewSelection(
  page: Page,
  count = 20,
  timeoutMs = 60_000,
  firstRow = 1,
): Promise<Stats & { samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const seq = await page.evaluate((k) => {
      const w = globalThis as unknown as ViewPerfWindow;
      const ids = w.__kcApp.orderIds;
      // The default first row skips the cluster already shown (re-selecting it draws nothing
      // new); the benchmark starts past the clusters it has already visited.
      w.__kcApp.setSelection([ids[k % ids.length]!]);
      return w.__kcApp.selectionSeq;
    }, i + firstRow);
    await page.waitForFunction(
      (s) => (globalThis as unknown as ViewPerfWindow).__kcViewPerf.seqs.includes(s),
      seq,
      { timeout: timeoutMs },
    );
    samples.push(
      await page.evaluate((s) => {
        const p = (globalThis as unknown as ViewPerfWindow).__kcViewPerf;
        return p.selections[p.seqs.lastIndexOf(s)]!;
      }, seq),
    );
  }
  return { ...stats(samples), samples };
}
