/**
 * @file Measurements the e2e tests and the benchmark share, taken inside the page from the
 * renderer's performance records (renderer/state/perf.ts):
 * - selection latency: from the selection store changing to the tables AND the 3D highlight being
 *   drawn (issue 6 budget: p95 <= 100 ms at 20 M spikes; the 3D part is its first highlight
 *   frame, see docs/views.md);
 * - 3D frame time while orbiting: CPU time per render call and the interval between frames.
 */
import type { Page } from 'playwright-core';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

interface PerfRecord {
  pending: boolean;
  selections: number[];
  renders: number[];
  frameIntervals: number[];
  /** Absent in builds from before the 3D view's first-highlight frame. */
  full3d?: number[];
}

type PerfWindow = {
  __kcPerf: PerfRecord;
  __kcApp: { orderIds: number[]; setSelection(ids: number[]): void };
};

/** Nearest-rank percentiles of a sample (ms). */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) =>
    s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return {
    n: s.length,
    p50: q(0.5),
    p95: q(0.95),
    max: s.length ? s[s.length - 1]! : NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}

/**
 * Selects `count` clusters one after another (walking the cluster table's display order from row
 * `firstRow`, as pressing Down does) and returns the selection-to-drawn latencies. Each selection
 * waits until it is fully shown before the next, so the numbers are not queued behind each other;
 * with `lookMs` the curator then looks at the cluster that long (its data views, prefetch and
 * secondary work run meanwhile) before moving on. Without it, the next selection starts while the
 * data views of the previous one are still being computed and drawn (a key held down).
 */
export async function measureSelection(
  page: Page,
  count = 30,
  timeoutMs = 30_000,
  options: { firstRow?: number; lookMs?: number } = {},
): Promise<Stats & { samples: number[] }> {
  const firstRow = options.firstRow ?? 0;
  const settled = (n: number) =>
    page.waitForFunction(
      (k) => {
        const p = (globalThis as unknown as PerfWindow).__kcPerf;
        return !p.pending && p.selections.length >= k;
      },
      n,
      { timeout: timeoutMs },
    );
  // Let any selection already in progress finish, so it is not counted as one of ours.
  await settled(0);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const n = await page.evaluate((k) => {
      const w = globalThis as unknown as PerfWindow;
      const ids = w.__kcApp.orderIds;
      const before = w.__kcPerf.selections.length;
      w.__kcApp.setSelection([ids[k % ids.length]!]);
      return before;
    }, firstRow + i);
    await settled(n + 1);
    samples.push(
      await page.evaluate((k) => (globalThis as unknown as PerfWindow).__kcPerf.selections[k]!, n),
    );
    if (options.lookMs) await page.waitForTimeout(options.lookMs);
  }
  return { ...stats(samples), samples };
}

/**
 * Durations (ms) from each selection to the 3D view drawing every spike of the selected clusters
 * (after its first highlight; see renderer/state/perf.ts), as recorded so far.
 */
export async function full3dTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => ((globalThis as unknown as PerfWindow).__kcPerf.full3d ?? []).slice());
}

/**
 * Orbits the 3D view by dragging across it in `moves` steps and returns the render CPU times and
 * the frame intervals recorded during the drag (ms).
 */
export async function measureOrbit(
  page: Page,
  moves = 60,
): Promise<{ render: Stats; interval: Stats }> {
  const overlay = page.locator('[data-testid="view3d-overlay"]');
  const box = (await overlay.boundingBox())!;
  const before = await page.evaluate(() => {
    const p = (globalThis as unknown as PerfWindow).__kcPerf;
    return [p.renders.length, p.frameIntervals.length] as const;
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(
      cx + 150 * Math.sin((i / moves) * Math.PI * 2),
      cy + 40 * Math.sin((i / moves) * Math.PI),
    );
    // A string: the test project has no DOM typings.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
  }
  await page.mouse.up();
  const [renders, intervals] = await page.evaluate(([r, f]) => {
    const p = (globalThis as unknown as PerfWindow).__kcPerf;
    return [p.renders.slice(r), p.frameIntervals.slice(f)] as const;
  }, before);
  return { render: stats(renders), interval: stats(intervals) };
}
