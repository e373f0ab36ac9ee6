/**
 * @file Scenario "ui": the app in Debian Chromium against serve mode on the benchmark dataset:
 * selecting a cluster until the tables and the 3D highlight are drawn (performance marks in the
 * page; the 3D part is its first highlight frame, docs/views.md), selecting a cluster until every
 * visible data view is drawn, and the 3D view's frame time while orbiting. WebGL runs on
 * SwiftShader (no GPU here), so frame times are an upper bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openApp, serve } from '../../test/e2e/harness.js';
import {
  full3dTimes,
  measureOrbit,
  measureSelection,
  stats,
} from '../../test/e2e/measure-selection.js';
import { measureViewSelection } from '../../test/e2e/measure-views.js';
import type { Figure } from '../measure.js';
import { scratchCopy } from './curation.js';

/** Clusters walked by the selection figure; the views figure starts after them (fresh ones). */
const SELECTIONS = 30;
const VIEW_SELECTIONS = 20;

export async function uiScenario(dir: string, scale: string): Promise<Figure[]> {
  const work = scratchCopy(dir);
  const userData = mkdtempSync(join(tmpdir(), 'kc-bench-ui-'));
  const served = await serve(work, userData);
  const browser = await launchBrowser();
  try {
    const { page } = await openApp(browser, served.url);
    const selection = await measureSelection(page, SELECTIONS, 120_000);
    const full3d = stats(await full3dTimes(page));
    const views = await measureViewSelection(page, VIEW_SELECTIONS, 120_000, SELECTIONS);
    const orbit = await measureOrbit(page, 60);
    const rss = process.resourceUsage().maxRSS / 1024;
    const large = scale === 'large';
    return [
      {
        name: `ui-select-cluster/${scale}`,
        medianMs: selection.p50,
        p95Ms: selection.p95,
        runs: selection.n,
        peakRssMiB: rss,
        ...(large ? { budgetMs: 100 } : {}),
        note:
          'tables + first 3D highlight frame drawn; budget on p95' +
          (full3d.n > 0
            ? `; 3D with every spike: p50 ${full3d.p50.toFixed(0)} ms (n=${full3d.n})`
            : ''),
      },
      {
        name: `ui-select-all-views/${scale}`,
        medianMs: views.p50,
        p95Ms: views.p95,
        runs: views.n,
        peakRssMiB: rss,
        ...(large ? { budgetMs: 150 } : {}),
        note: 'every visible data view drawn (clusters not selected before); budget on p95',
      },
      {
        name: `ui-3d-orbit-frame/${scale}`,
        medianMs: orbit.interval.p50,
        p95Ms: orbit.interval.p95,
        runs: orbit.interval.n,
        peakRssMiB: rss,
        note: `render CPU p50 ${orbit.render.p50.toFixed(2)} ms (SwiftShader)`,
      },
    ];
  } finally {
    await browser.close();
    await served.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}
