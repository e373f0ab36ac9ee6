/**
 * @file Scenario "ui": the app in Debian Chromium against serve mode on the benchmark dataset:
 * selecting a cluster until the tables and the 3D highlight are drawn (performance marks in the
 * page), and the 3D view's frame time while orbiting. WebGL runs on SwiftShader (no GPU here),
 * so frame times are an upper bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openApp, serve } from '../../test/e2e/harness.js';
import { measureOrbit, measureSelection } from '../../test/e2e/measure-selection.js';
import type { Figure } from '../measure.js';
import { scratchCopy } from './curation.js';

export async function uiScenario(dir: string, scale: string): Promise<Figure[]> {
  const work = scratchCopy(dir);
  const userData = mkdtempSync(join(tmpdir(), 'kc-bench-ui-'));
  const served = await serve(work, userData);
  const browser = await launchBrowser();
  try {
    const { page } = await openApp(browser, served.url);
    const selection = await measureSelection(page, 30, 120_000);
    const orbit = await measureOrbit(page, 60);
    const rss = process.resourceUsage().maxRSS / 1024;
    return [
      {
        name: `ui-select-cluster/${scale}`,
        medianMs: selection.p50,
        p95Ms: selection.p95,
        runs: selection.n,
        peakRssMiB: rss,
        ...(scale === 'large' ? { budgetMs: 100 } : {}),
        note: 'tables + 3D highlight drawn; budget on p95',
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
