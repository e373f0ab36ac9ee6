import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CurationModel } from '../../../../../shared/curation/index.js';
import { computeAllMetrics } from '../../../../../electron/core/analysis/metrics/compute-all.js';
import { MetricsWorkers } from '../../../../../electron/core/analysis/metrics/metrics-workers.js';
import { resolveParams } from '../../../../../electron/core/analysis/metrics/metric-params.js';
import { noiseLevelsOfChunks } from '../../../../../electron/core/analysis/metrics/noise-levels.js';
import { RawSnr } from '../../../../../electron/core/analysis/metrics/snr-stage.js';
import { madNoise } from '../../../../../electron/core/analysis/snr.js';
import {
  TemplateWaveforms,
  argmax,
} from '../../../../../electron/core/analysis/template-waveforms.js';
import type { Dataset } from '../../../../../electron/core/dataset/dataset.js';
import { openDataset } from '../../../../../electron/core/dataset/load-dataset.js';
import { makeDataset } from '../../../../../electron/core/fixtures/make-dataset.js';
import { phyHighPass } from '../../../../../electron/core/views/butterworth.js';
import { processRawBlock } from '../../../../../electron/core/views/filter.js';
import { Random } from '../../../../../shared/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-rawsnr-'));
let ds: Dataset;
before(async () => {
  await makeDataset(dir, { units: 6, durationS: 20, rawSeconds: 4, nChannels: 32, seed: 9 });
  ds = openDataset(dir);
});
after(() => {
  ds.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Straightforward re-computation: every spike in the raw file (no subsampling when <= 100). */
function directSnr(spikes: Uint32Array, channel: number): number {
  const raw = (ds.raw as Extract<Dataset['raw'], { status: 'available' }>).data;
  const column = ds.probe.channelMap[channel] as number;
  const filter = phyHighPass(ds.sampleRate);
  const n = 61;
  const before = 20;
  const inside = Array.from(spikes).filter((s) => (ds.spikeTimes[s] as number) < raw.nSamples - n);
  const step = inside.length / Math.min(100, inside.length);
  const chosen = Array.from(
    { length: Math.min(100, inside.length) },
    (_, i) => inside[Math.floor(i * step)] as number,
  );
  const mean = new Float64Array(n);
  for (const s of chosen) {
    const t = Math.round(ds.spikeTimes[s] as number);
    const snippet = processRawBlock(
      raw.readWindow(t - before, t - before + n, [column]),
      n,
      1,
      filter,
    );
    snippet.forEach((v, i) => (mean[i] = (mean[i] as number) + v / chosen.length));
  }
  const peak = Math.max(...Array.from(mean, Math.abs));
  // Noise: MAD/0.6745 of 20 processed chunks of 10,000 samples evenly spread.
  const chunk = 10_000;
  const values: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = Math.floor((i * (raw.nSamples - chunk)) / 19);
    values.push(
      ...processRawBlock(raw.readWindow(start, start + chunk, [column]), chunk, 1, filter),
    );
  }
  const med = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    return s.length % 2
      ? (s[s.length >> 1] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  };
  const m = med(values);
  return peak / (med(values.map((v) => Math.abs(v - m))) / 0.6744897501960817);
}

describe('raw-data SNR', () => {
  it('matches a direct computation and is marked as raw', () => {
    const model = new CurationModel(Int32Array.from(ds.spikeClusters));
    const waveforms = new TemplateWaveforms(ds);
    const snr = new RawSnr(ds, waveforms);
    let checked = 0;
    for (const id of model.clusterIds) {
      const spikes = model.spikesOf(id);
      const value = snr.of(spikes, id);
      if (!value) continue;
      assert.equal(value.source, 'raw');
      const expected = directSnr(spikes, argmax(waveforms.channelAmplitudes(id) as Float32Array));
      assert.ok(
        Math.abs(value.snr - expected) < 1e-3 * expected,
        `cluster ${id}: ${value.snr} vs ${expected}`,
      );
      assert.ok(value.snr > 0);
      checked++;
    }
    assert.ok(checked >= 3, `only ${checked} clusters had spikes in the raw file`);
  });

  it('gives no value without raw data', () => {
    const model = new CurationModel(Int32Array.from(ds.spikeClusters));
    const noRaw = { ...ds, raw: { status: 'none', reason: 'test' } } as Dataset;
    assert.equal(
      new RawSnr(noRaw, new TemplateWaveforms(noRaw)).of(
        model.spikesOf(model.clusterIds[0] as number),
        0,
      ),
      null,
    );
  });

  it('noise levels of chunks equal the sort-based MAD of each processed channel', () => {
    const rng = new Random(12);
    const nTime = 500;
    const nc = 3;
    const windows = Array.from({ length: 4 }, () =>
      Float32Array.from({ length: nTime * nc }, () => Math.round(rng.normal() * 20)),
    );
    const filter = phyHighPass(30000);
    const got = noiseLevelsOfChunks(
      windows.map((w) => w.slice()),
      nTime,
      nc,
      filter,
    );
    for (let c = 0; c < nc; c++) {
      const samples: number[] = [];
      for (const w of windows) {
        const block = processRawBlock(w, nTime, nc, filter);
        for (let t = 0; t < nTime; t++) samples.push(block[t * nc + c] as number);
      }
      assert.equal(got[c], madNoise(samples), `channel ${c}`);
    }
  });

  it('noise levels computed on workers give the same SNRs as on this thread', async () => {
    const model = new CurationModel(Int32Array.from(ds.spikeClusters));
    const waveforms = new TemplateWaveforms(ds);
    const inline = new RawSnr(ds, waveforms);
    const offloaded = new RawSnr(ds, waveforms);
    const channels = model.clusterIds.map((id) => inline.mainChannel(id) ?? 0);
    inline.prepareNoise(channels);
    const span = { sampleRate: ds.sampleRate, totalSamples: 1 };
    const workers = new MetricsWorkers(span, resolveParams(), 2);
    try {
      await offloaded.prepareNoiseWith(channels, (w, nTime, nc, filter) =>
        workers.noiseLevels(w, nTime, nc, filter),
      );
    } finally {
      await workers.close();
    }
    for (const id of model.clusterIds) {
      const a = inline.amplitudeOf(model.spikesOf(id), id);
      if (!a) continue;
      assert.deepEqual(offloaded.ratio(a), inline.ratio(a));
    }
  });

  it('the whole table is the same with workers (noise, spike-train and PC tasks on them)', async () => {
    const model = new CurationModel(Int32Array.from(ds.spikeClusters));
    const one = await computeAllMetrics(ds, model, { backend: 'cpu', workers: 0 });
    const two = await computeAllMetrics(ds, model, { backend: 'cpu', workers: 2 });
    assert.ok(one.rows.some((r) => r.snr_source === 'raw'));
    assert.deepEqual(two.rows, one.rows);
  });
});
