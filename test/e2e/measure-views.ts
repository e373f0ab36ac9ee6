/**
 * @file Select a cluster -> every visible data view (waveform, features, amplitudes,
 * correlograms, ...) drawn, measured in the page from the views' performance records
 * (renderer/gl/view-perf.ts: from the app's selection mark to the last view's frame). For the e2e
 * tests and the benchmark.
 *
 * Two ways of moving on, as a curator does:
 * - 'down': the Down key (the wizard's next best cluster, through the app's own keybinding); the
 *   views have fetched that cluster's payloads ahead (renderer/gl/view-prefetch.ts) if the curator
 *   looked at the current one long enough;
 * - 'jump': a cluster picked at random (seeded) among those not shown before and not predicted
 *   (`__kcViewPerf.predicted`), as clicking a row far down the table does: the table is scrolled
 *   to the row first (not timed, as the curator's scrolling is not), and nothing was fetched
 *   ahead.
 * Between selections the curator looks at the views for `lookMs` (0: moves on as soon as all are
 * drawn, the worst case for contention with the previous selection's remaining work).
 */
import type { Page } from 'playwright-core';
import { stats, type Stats } from './measure-selection.js';

type ViewPerfWindow = {
  __kcViewPerf: {
    selections: number[];
    seqs: number[];
    pending: boolean;
    prefetchHits: number;
    readAheadHits: number;
    predicted: number[] | null;
  };
  __kcApp: {
    orderIds: number[];
    selected: number[];
    setSelection(ids: number[]): void;
    selectionSeq: number;
  };
};

export interface WalkOptions {
  how?: 'down' | 'jump';
  /** Pause after each selection is drawn, ms. @default 0 */
  lookMs?: number;
  /** 'jump': seed of the random picks. @default 1 */
  seed?: number;
  /** 'jump': ids not to pick (already shown). */
  exclude?: readonly number[];
}

/** Height of a table row (renderer/ui/VirtualTable.svelte ROW). */
const TABLE_ROW_PX = 22;

/** Park–Miller minimal standard generator: a reproducible pick without dependencies. */
function seededRandom(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/**
 * Moves the selection `count` times (see the file header) and returns the selection -> all
 * visible data views drawn latencies (ms), with the ids selected and how many view payloads were
 * taken from the prefetch. Each selection waits until drawn.
 */
export async function measureViewSelection(
  page: Page,
  count = 20,
  timeoutMs = 60_000,
  options: WalkOptions = {},
): Promise<
  Stats & { samples: number[]; ids: number[]; prefetchHits: number; readAheadHits: number }
> {
  const how = options.how ?? 'down';
  const samples: number[] = [];
  const ids: number[] = [];
  const random = seededRandom(options.seed ?? 1);
  const seen = new Set(options.exclude ?? []);
  const order = await page.evaluate(
    () => (globalThis as unknown as ViewPerfWindow).__kcApp.orderIds,
  );
  for (const id of await page.evaluate(
    () => (globalThis as unknown as ViewPerfWindow).__kcApp.selected,
  ))
    seen.add(id);
  // The keys go to the app's keybindings, not to a control that had the focus.
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { blur?(): void } | null } })
      .document;
    doc.activeElement?.blur?.();
  });
  const hits = () =>
    page.evaluate(() => (globalThis as unknown as ViewPerfWindow).__kcViewPerf.prefetchHits);
  const readAheadHits = () =>
    page.evaluate(() => (globalThis as unknown as ViewPerfWindow).__kcViewPerf.readAheadHits);
  const hitsBefore = await hits();
  const readAheadBefore = await readAheadHits();
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(
      () => (globalThis as unknown as ViewPerfWindow).__kcApp.selectionSeq,
    );
    if (how === 'down') {
      await page.keyboard.press('ArrowDown');
    } else {
      // Never the cluster the views are fetching ahead: a jump is what nobody predicted.
      const predicted = new Set(
        await page.evaluate(
          () => (globalThis as unknown as ViewPerfWindow).__kcViewPerf.predicted ?? [],
        ),
      );
      const fresh = order.filter((id) => !seen.has(id) && !predicted.has(id));
      if (fresh.length === 0) throw new Error('no cluster left that was not shown before');
      const pick = fresh[Math.floor(random() * fresh.length)]!;
      // As a click does: the row is on screen first (the curator scrolled to it; not timed).
      await page.evaluate(
        ([row, rowPx]) => {
          const doc = (
            globalThis as unknown as {
              document: { querySelector(s: string): { scrollTop: number } | null };
            }
          ).document;
          const table = doc.querySelector('[data-testid="cluster-table"]');
          if (table) table.scrollTop = Math.max(0, row * rowPx - 3 * rowPx);
        },
        [order.indexOf(pick), TABLE_ROW_PX] as const,
      );
      await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
      );
      await page.waitForTimeout(50);
      await page.evaluate(
        (id) => (globalThis as unknown as ViewPerfWindow).__kcApp.setSelection([id]),
        pick,
      );
    }
    const seq = await page.evaluate(
      () => (globalThis as unknown as ViewPerfWindow).__kcApp.selectionSeq,
    );
    if (seq === before) throw new Error(`the selection did not move (${how}) after ${i} steps`);
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
    const shown = await page.evaluate(
      () => (globalThis as unknown as ViewPerfWindow).__kcApp.selected[0]!,
    );
    ids.push(shown);
    seen.add(shown);
    if (options.lookMs) await page.waitForTimeout(options.lookMs);
  }
  return {
    ...stats(samples),
    samples,
    ids,
    prefetchHits: (await hits()) - hitsBefore,
    readAheadHits: (await readAheadHits()) - readAheadBefore,
  };
}
