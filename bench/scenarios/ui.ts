/**
 * @file Scenario "ui": the app in Debian Chromium against serve mode on the benchmark dataset:
 * selecting a cluster until the tables and the 3D highlight are drawn (performance marks in the
 * page; the 3D part is its first highlight frame, docs/views.md), selecting a cluster until every
 * visible data view is drawn (walking with Down, and jumping to random clusters:
 * test/e2e/measure-views.ts), and the 3D view's frame time while orbiting. WebGL runs on
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

/** Clusters walked by the selection figure. */
const SELECTIONS = 30;
/** Selections of each views figure. */
const VIEW_SELECTIONS = 20;
/** How long the modelled curator looks at a cluster before moving on (ms): the views' prefetch
 * and the secondary work (merge scores, 3D refinement) run meanwhile. */
const LOOK_MS = 1000;

export async function uiScenario(dir: string, scale: string): Promise<Figure[]> {
  const work = scratchCopy(dir);
  const userData = mkdtempSync(join(tmpdir(), 'kc-bench-ui-'));
  const served = await serve(work, userData);
  const browser = await launchBrowser();
  try {
    const { page } = await openApp(browser, served.url);
    const rapid = await measureSelection(page, SELECTIONS, 120_000);
    const selection = await measureSelection(page, SELECTIONS, 120_000, {
      firstRow: SELECTIONS,
      lookMs: LOOK_MS,
    });
    const walk = await measureViewSelection(page, VIEW_SELECTIONS, 120_000, {
      how: 'down',
      lookMs: LOOK_MS,
    });
    const jump = await measureViewSelection(page, VIEW_SELECTIONS, 120_000, {
      how: 'jump',
      lookMs: LOOK_MS,
      exclude: walk.ids,
    });
    const full3d = stats(await full3dTimes(page));
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
          `tables + first 3D highlight frame drawn, the curator looking ${LOOK_MS} ms at each cluster; budget on p95` +
          (full3d.n > 0
            ? `; 3D with every spike: p50 ${full3d.p50.toFixed(0)} ms (n=${full3d.n})`
            : ''),
      },
      {
        name: `ui-select-cluster-rapid/${scale}`,
        medianMs: rapid.p50,
        p95Ms: rapid.p95,
        runs: rapid.n,
        peakRssMiB: rss,
        note: "as ui-select-cluster, moving on as soon as the tables and 3D highlight are drawn (the previous selection's views still in progress)",
      },
      {
        name: `ui-select-all-views/${scale}`,
        medianMs: walk.p50,
        p95Ms: walk.p95,
        runs: walk.n,
        peakRssMiB: rss,
        ...(large ? { budgetMs: 150 } : {}),
        note: `every visible data view drawn, walking with Down (next best, fetched ahead while the curator looks ${LOOK_MS} ms; ${walk.prefetchHits} payloads taken from the prefetch); budget on p95`,
      },
      {
        name: `ui-select-all-views-jump/${scale}`,
        medianMs: jump.p50,
        p95Ms: jump.p95,
        runs: jump.n,
        peakRssMiB: rss,
        ...(large ? { budgetMs: 150 } : {}),
        note: `every visible data view drawn, jumping to random clusters not shown before (no payload fetched ahead; ${jump.readAheadHits} of ${jump.n} had their feature samples read ahead in idle time since the open); budget on p95`,
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
