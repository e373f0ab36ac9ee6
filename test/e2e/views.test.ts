/**
 * The curation views end to end in Debian Chromium against `kilocurate serve` on a generated
 * dataset with raw data: each view draws (pixels of the cluster colour where the template trough
 * must be, background elsewhere), a lasso split in the feature view goes through the preview and
 * changes spike_clusters.npy exactly as the core's all-spike polygon test predicts, the trace
 * view steps to a cluster's next spike, and the select -> views drawn latency is reported.
 * Screenshots go to test-output/e2e-views/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDataset } from '../../electron/core/dataset/load-dataset.js';
import {
  features,
  parseFeatureDim,
  spikesInPolygon,
  waveforms,
} from '../../electron/core/views/index.js';
import { CurationModel } from '../../shared/curation/index.js';
import { featureCells, lassoInData } from '../../renderer/views/feature/feature-data.js';
import { waveformLayout } from '../../renderer/views/waveform/waveform-data.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { type AppUnderTest, e2eSkipReason, startAppOnGeneratedData } from './harness.js';
import { measureViewSelection } from './measure-views.js';

const skip = e2eSkipReason();
const SHOTS = join(REPO_ROOT, 'test-output', 'e2e-views');
const BLUE = [90, 155, 255]; // clusterColor(0) = #5a9bff
const DARK_BG = [21, 23, 28]; // #15171c

let app: AppUnderTest;
let page: Page;
let consoleErrors: string[];

before(async () => {
  if (skip) return;
  await mkdir(SHOTS, { recursive: true });
  app = await startAppOnGeneratedData({
    units: 10,
    durationS: 30,
    seed: 9,
    nChannels: 32,
    rawSeconds: 3,
  });
  ({ page, consoleErrors } = app);
});

after(async () => {
  if (skip) return;
  await app?.close();
});

type Win = {
  __kcApp: {
    table: { ids: Int32Array; nSpikes: Int32Array };
    setSelection(ids: number[]): void;
    selectionSeq: number;
  };
  __kcViewPerf: { byView: Record<string, number[]> };
};

/** Waits until `view` has drawn `n` times (view-perf records). */
const drawnTimes = (view: string) =>
  page.evaluate((v) => (globalThis as unknown as Win).__kcViewPerf.byView[v]?.length ?? 0, view);
async function waitDrawn(view: string, atLeast: number): Promise<void> {
  await page.waitForFunction(
    ([v, n]) =>
      ((globalThis as unknown as Win).__kcViewPerf.byView[v as string]?.length ?? 0) >=
      (n as number),
    [view, atLeast] as const,
    { timeout: 30_000 },
  );
  // One more frame so the canvas holds the drawn scene.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
}

/**
 * Size of a view's stage and the RGBA pixels of its canvas at CSS points (the canvas keeps its
 * drawing buffer). A string: the test project has no DOM typings.
 */
async function canvasInfo(testid: string, points: Array<[number, number]>) {
  const script = `(() => {
    const c = document.querySelector('[data-testid="${testid}"]');
    const stage = c.parentElement;
    const ctx = Object.assign(document.createElement('canvas'), { width: c.width, height: c.height }).getContext('2d');
    ctx.drawImage(c, 0, 0);
    const k = c.width / stage.clientWidth;
    const px = ${JSON.stringify(points)}.map(([x, y]) =>
      Array.from(ctx.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data));
    return { width: stage.clientWidth, height: stage.clientHeight, px };
  })()`;
  return page.evaluate(script) as Promise<{ width: number; height: number; px: number[][] }>;
}

const near = (a: number[], b: number[], tol = 40) => b.every((v, i) => Math.abs(a[i]! - v) <= tol);
const shot = (name: string, testid: string) =>
  page.locator(`[data-testid="${testid}"]`).screenshot({ path: join(SHOTS, `${name}.png`) });

test(
  'curation views draw, split by feature lasso, step traces',
  { skip, timeout: 120_000 },
  async (t) => {
    const ds = openDataset(app.dir);
    const model = new CurationModel(Int32Array.from(ds.spikeClusters));
    t.after(() => ds.close());
    // The largest cluster.
    const { id, n } = await page.evaluate(() => {
      const tb = (globalThis as unknown as Win).__kcApp.table;
      let best = 0;
      for (let i = 1; i < tb.ids.length; i++) if (tb.nSpikes[i]! > tb.nSpikes[best]!) best = i;
      return { id: tb.ids[best]!, n: tb.nSpikes[best]! };
    });
    await page.evaluate((c) => (globalThis as unknown as Win).__kcApp.setSelection([c]), id);
    for (const v of ['waveform', 'feature', 'amplitude', 'correlogram']) await waitDrawn(v, 1);

    await t.test('waveform: the template trough is drawn in the cluster colour', async () => {
      await shot('01-waveform', 'waveform-view');
      const size = await canvasInfo('waveform-canvas', []);
      const payload = waveforms(ds, model, [id], { mode: 'templates' });
      const L = waveformLayout(payload, {
        ...size,
        colors: ['#5a9bff'],
        overlap: true,
        scaleX: 1,
        scaleY: 1,
        dark: true,
      });
      // The trough: the minimum of the template on the peak channel (the first shown).
      const mean = payload.clusters[0]!.template!.mean;
      const nCh = payload.channels.length;
      let tMin = 0;
      for (let s = 0; s < payload.nSamples; s++) if (mean[s * nCh]! < mean[tMin * nCh]!) tMin = s;
      assert.ok(
        Math.abs(tMin - payload.before) <= 2,
        `trough at ${tMin}, nt0min ${payload.before}`,
      );
      const tx = L.x(0, 0, tMin);
      const ty = L.y(0, mean[tMin * nCh]!);
      const around: Array<[number, number]> = [];
      for (let dx = -2; dx <= 2; dx++)
        for (let dy = -2; dy <= 2; dy++) around.push([tx + dx, ty + dy]);
      const box = L.boxes[0]!;
      // Empty: the bottom-left corner of the box (the trace starts near zero, mid-box).
      const empty: [number, number] = [box.x0 + 3, box.y1 - 3];
      const { px } = await canvasInfo('waveform-canvas', [...around, empty]);
      assert.ok(
        px.slice(0, -1).some((p) => near(p, BLUE, 60)),
        `a blue pixel at the trough (${tx.toFixed(1)}, ${ty.toFixed(1)}): ${JSON.stringify(px.slice(0, 3))}`,
      );
      assert.ok(near(px.at(-1)!, DARK_BG, 12), `background at the box corner: ${px.at(-1)}`);
    });

    await t.test('feature, amplitude, correlogram drew without errors', async () => {
      await shot('02-feature', 'feature-view');
      await shot('03-amplitude', 'amplitude-view');
      await shot('04-correlogram', 'correlogram-view');
      for (const v of ['feature', 'amplitude', 'correlogram']) {
        const msg = await page.locator(`[data-testid="${v}-canvas-message"]`).count();
        assert.equal(msg, 0, `${v} shows no message`);
      }
      // The correlogram bin snippet changes the request (:cb 2) and the view redraws.
      const before = await drawnTimes('correlogram');
      await page.keyboard.type(':');
      await page.waitForSelector('[data-testid="snippet-input"]');
      await page.keyboard.type('cb 2');
      await page.keyboard.press('Enter');
      await waitDrawn('correlogram', before + 1);
      assert.equal(await page.inputValue('[data-testid="ccg-bin"]'), '2');
      await shot('05-correlogram-bin2', 'correlogram-view');
    });

    await t.test(
      'the other views draw when their tab is shown (deferred while hidden)',
      async () => {
        for (const [tab, view] of [
          ['isi', 'isi'],
          ['firingRate', 'firingRate'],
          ['drift', 'drift'],
          ['traces', 'traces'],
        ] as const) {
          assert.equal(await drawnTimes(view), 0, `${view} not drawn while hidden`);
          await page.click(`[data-testid="tab-${tab}"]`);
          await waitDrawn(view, 1);
          await shot(`06-${view}`, `${view}-view`);
        }
        for (const tab of ['feature', 'amplitude', 'correlogram'])
          await page.click(`[data-testid="tab-${tab}"]`);
      },
    );

    await t.test('traces: Alt+PgDn goes to the next spike of the selected cluster', async () => {
      const times = Array.from(ds.spikeTimes, (s) => s / ds.sampleRate);
      const mine = Array.from(model.spikesOf(id)).map((s) => times[s]!);
      const before = await drawnTimes('traces');
      await page.keyboard.press('Alt+PageDown');
      await waitDrawn('traces', before + 1);
      const start = Number(await page.inputValue('[data-testid="traces-start"]'));
      const next = mine.find((x) => x > 0.125 + 1e-4)!;
      assert.ok(
        Math.abs(start - Math.max(0, next - 0.125)) < 1e-6,
        `window at ${start}, spike at ${next}`,
      );
      await shot('07-traces-next-spike', 'traces-view');
      await page.click('[data-testid="tab-waveform"]');
      await page.screenshot({ path: join(SHOTS, '07-tabs-back.png') });
    });

    await t.test(
      'lasso split in the feature view: preview, then spike_clusters.npy as predicted',
      async () => {
        const size = await canvasInfo('feature-canvas', []);
        const payload = features(ds, model, [id]);
        const cells = featureCells(payload, { ...size, colors: ['#5a9bff'], scale: 1, dark: true });
        const cell = cells.find((c) => c.row === 0 && c.col === 0)!; // time vs 0A
        assert.deepEqual([cell.x, cell.y], ['time', '0A']);
        const bb = (await page.locator('[data-testid="feature-canvas-overlay"]').boundingBox())!;
        const { x0, x1, y0, y1 } = cell.box;
        const local: Array<[number, number]> = [
          [x0 + 2, y0 + 2],
          [(x0 + x1) / 2, y0 + 2],
          [(x0 + x1) / 2, y1 - 2],
          [x0 + 2, y1 - 2],
        ];
        await page.click('[data-testid="feature-lasso"]');
        await page.mouse.move(bb.x + local[0]![0], bb.y + local[0]![1]);
        await page.mouse.down();
        for (const [x, y] of local.slice(1)) await page.mouse.move(bb.x + x, bb.y + y);
        await page.mouse.up();
        const drawn = (await page.getAttribute(
          '[data-testid="feature-canvas-overlay"] polygon',
          'points',
        ))!
          .split(' ')
          .map(Number);
        assert.equal(drawn.length, 8);
        const d = lassoInData(cells, drawn)!;
        const dims = {
          x: parseFeatureDim(d.x, Array.from(payload.channels)),
          y: parseFeatureDim(d.y, Array.from(payload.channels)),
        };
        const expected = spikesInPolygon(ds, model, id, dims, d.polygon);
        assert.ok(
          expected.length > 0 && expected.length < n,
          `lasso holds ${expected.length} of ${n}`,
        );
        await shot('08-feature-lasso', 'feature-view');

        await page.keyboard.press('k');
        await page.waitForSelector('[data-testid="preview-table"]');
        await page.screenshot({ path: join(SHOTS, '09-split-preview.png') });
        const previewText = await page.textContent('[data-testid="preview-dialog"]');
        assert.match(
          previewText!,
          new RegExp(`Split ${expected.length.toLocaleString('en-US')} spikes`),
        );
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          (c) => !(globalThis as unknown as Win).__kcApp.table.ids.includes(c),
          id,
        );
        await page.keyboard.press('Control+s');
        await page.waitForSelector('[data-testid="save-state"] .saved', { timeout: 20_000 });
        const saved = await readIntNpy(join(app.dir, 'spike_clusters.npy'));
        const original = Array.from(ds.spikeClusters);
        const inLasso = new Set(expected);
        const newIds = new Set<number>();
        for (let s = 0; s < saved.length; s++) {
          if (original[s] !== id) {
            if (saved[s] !== original[s]) assert.fail(`spike ${s} of another cluster moved`);
            continue;
          }
          newIds.add(saved[s]!);
        }
        assert.equal(newIds.size, 2);
        const lassoIds = new Set(Array.from(inLasso, (s) => saved[s]!));
        assert.equal(lassoIds.size, 1, 'every lasso spike went to one cluster');
        const lassoId = [...lassoIds][0]!;
        for (let s = 0; s < saved.length; s++)
          if (original[s] === id && inLasso.has(s) !== (saved[s] === lassoId))
            assert.fail(`spike ${s}: in lasso ${inLasso.has(s)}, cluster ${saved[s]}`);
        await waitDrawn('waveform', 1);
        await page.screenshot({ path: join(SHOTS, '10-after-split.png') });
      },
    );

    await t.test('select -> all visible views drawn', async () => {
      // Down with a pause to look: each view fetches the next cluster's payload meanwhile.
      const walk = await measureViewSelection(page, 4, 30_000, { how: 'down', lookMs: 800 });
      const jump = await measureViewSelection(page, 3, 30_000, {
        how: 'jump',
        lookMs: 300, // the prediction of the cluster left is made by then
        exclude: walk.ids,
      });
      for (const [name, m] of [
        ['down', walk],
        ['jump', jump],
      ] as const)
        t.diagnostic(
          `select (${name}) -> visible views drawn: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms (n=${m.n}, prefetched payloads ${m.prefetchHits})`,
        );
      assert.equal(walk.n, 4);
      assert.equal(jump.n, 3);
      assert.equal(new Set([...walk.ids, ...jump.ids]).size, 7, 'a cluster shown twice');
      // Every step but the first was predicted (the first follows a selection made before the
      // walk, whose prefetch may still be in flight: then it is taken in flight, also a hit).
      assert.ok(walk.prefetchHits >= 3, `only ${walk.prefetchHits} payloads were fetched ahead`);
      assert.equal(jump.prefetchHits, 0, 'a random jump cannot have been predicted');
      // ...but its feature sample was read ahead while the curator looked at the others (the
      // core reads this small dataset's samples in well under the walk's looks).
      t.diagnostic(`jumps whose feature sample was read ahead: ${jump.readAheadHits} of ${jump.n}`);
      assert.ok(jump.readAheadHits >= 1, 'no jumped cluster had its feature sample read ahead');
    });

    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(app.served.errors, []);
  },
);

/** Minimal independent .npy reader for the integer arrays Phy writes. */
async function readIntNpy(path: string): Promise<number[]> {
  const b = await readFile(path);
  const major = b[6]!;
  const headerLen = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const descr = /'descr':\s*'([^']+)'/.exec(b.subarray(0, start).toString('latin1'))![1]!;
  const size = Number(descr.slice(2));
  const dv = new DataView(b.buffer, b.byteOffset + start, b.length - start);
  const out: number[] = [];
  for (let i = 0; i < dv.byteLength / size; i++) {
    if (descr === '<i4') out.push(dv.getInt32(4 * i, true));
    else if (descr === '<i8') out.push(Number(dv.getBigInt64(8 * i, true)));
    else if (descr === '<u4') out.push(dv.getUint32(4 * i, true));
    else throw new Error(`unexpected dtype ${descr}`);
  }
  return out;
}
