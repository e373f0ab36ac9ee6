/**
 * @file WaveformView payload on a generated Kilosort4 folder, checked against independent
 * computations: raw bytes read directly from the .bin file and processed with a difference
 * equation written here, templates unwhitened by hand from templates.npy and the (diagonal)
 * whitening_mat_inv.npy, and density maps counted by brute force.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../../electron/core/dataset/dataset.js';
import { RAW_FILE_NAME } from '../../../../electron/core/fixtures/make-dataset.js';
import { ViewUnavailableError } from '../../../../electron/core/views/errors.js';
import { snippetWindow } from '../../../../electron/core/views/snippets.js';
import { waveforms } from '../../../../electron/core/views/waveforms.js';
import { generated, type Generated } from './generated.js';
import { phyProcess, readRawColumn } from './reference.js';
import { join } from 'node:path';

let g: Generated;
let templates: { shape: number[]; data: number[] };
let winv: number[];
let channelMap: number[];

before(async () => {
  // Raw data over the whole (short) recording, so every cluster has spikes in it.
  g = await generated({ durationS: 4, rawSeconds: 4 });
  templates = g.load('templates.npy');
  winv = g.load('whitening_mat_inv.npy').data;
  channelMap = g.load('channel_map.npy').data;
});
after(() => g.cleanup());

/** Raw int16 samples [start, start + n) of probe channel c, read straight from the file. */
const rawChannel = (start: number, n: number, c: number): number[] =>
  readRawColumn(join(g.dir, RAW_FILE_NAME), start, n, channelMap[c] as number);

/** Unwhitened template t on probe channel c: templates[t, :, :] @ winv, column c (winv is diagonal). */
function unwhitened(t: number, c: number): number[] {
  const [, nS, nC] = templates.shape as [number, number, number];
  return Array.from({ length: nS }, (_, s) => {
    let acc = 0;
    for (let k = 0; k < nC; k++)
      acc += (templates.data[(t * nS + s) * nC + k] as number) * (winv[k * nC + c] as number);
    return acc;
  });
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * ((b[i] as number) - mb);
    aa += (v - ma) ** 2;
    bb += ((b[i] as number) - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

/** Clusters with spikes inside the raw data, largest first. */
function clustersWithRaw(): number[] {
  const rawEnd = g.dataset.raw.status === 'available' ? g.dataset.raw.data.nSamples : 0;
  const inRaw = (id: number) =>
    Array.from(g.model.spikesOf(id)).filter(
      (s) => (g.dataset.spikeTimes[s] as number) < rawEnd - 61,
    ).length;
  return [...g.model.clusterIds].filter((id) => inRaw(id) >= 5).sort((a, b) => inRaw(b) - inRaw(a));
}

test('channels: union of best channels, peak of the first cluster first', () => {
  const [a, b] = clustersWithRaw() as [number, number];
  const p = waveforms(g.dataset, g.model, [a, b], { mode: 'templates' });
  const [, , nC] = templates.shape as [number, number, number];
  // Peak channel found independently: largest peak-to-peak of the unwhitened template.
  let peak = 0;
  let best = -1;
  for (let c = 0; c < nC; c++) {
    const w = unwhitened(a, c);
    const ptp = Math.max(...w) - Math.min(...w);
    if (ptp > best) [best, peak] = [ptp, c];
  }
  assert.equal(p.channels[0], peak);
  const ca = Array.from(p.clusters[0]?.bestChannels ?? []);
  const cb = Array.from(p.clusters[1]?.bestChannels ?? []);
  assert.ok(ca.length > 0 && ca.length <= 12);
  assert.deepEqual(Array.from(p.channels), [...new Set([...ca, ...cb])]);
  for (let j = 0; j < p.channels.length; j++) {
    const c = p.channels[j] as number;
    assert.equal(p.positions[2 * j], g.dataset.probe.positions[2 * c]);
    assert.equal(p.positions[2 * j + 1], g.dataset.probe.positions[2 * c + 1]);
  }
});

test('raw snippets equal the file bytes, median-removed and filtered, window [t - nt0min, t - nt0min + 61)', () => {
  const id = clustersWithRaw()[0] as number;
  assert.equal(g.dataset.nt0min, 20);
  for (const alignment of ['nt0min', 'centered'] as const) {
    const p = waveforms(g.dataset, g.model, [id], { mode: 'raw', nSpikes: 7, alignment });
    const before = alignment === 'nt0min' ? 20 : 30;
    assert.equal(p.before, before);
    assert.equal(p.nSamples, 61);
    const c = p.clusters[0];
    assert.ok(c?.spikes && c.snippets);
    const nCh = p.channels.length;
    assert.equal(c.snippets.length, c.spikes.length * 61 * nCh);
    for (let k = 0; k < c.spikes.length; k++) {
      const t = g.dataset.spikeTimes[c.spikes[k] as number] as number;
      for (const j of [0, nCh - 1]) {
        const expected = phyProcess(rawChannel(t - before, 61, p.channels[j] as number));
        for (let s = 0; s < 61; s++) {
          const got = c.snippets[(k * 61 + s) * nCh + j] as number;
          assert.ok(
            Math.abs(got - (expected[s] as number)) < 1e-3 * Math.max(1, Math.abs(got)),
            `spike ${k} ch ${j} s ${s}`,
          );
        }
      }
    }
  }
});

test('the mean raw waveform reproduces the template the generator injected, aligned on nt0min', () => {
  const argmin = (v: number[]) => v.indexOf(Math.min(...v));
  // Clusters whose template has its single trough at nt0min (a cluster mixing two units can show
  // two troughs; its mean still correlates, but the argmin is not a stable landmark).
  const clear = clustersWithRaw().filter((id) => {
    const t = g.dataset.spikeTemplates[g.model.spikesOf(id)[0] as number] as number;
    const peak =
      g.model.spikeCount(id) >= 15
        ? waveforms(g.dataset, g.model, [id], { mode: 'templates' }).channels[0]
        : undefined;
    return peak !== undefined && argmin(unwhitened(t, peak)) === 20;
  });
  assert.ok(clear.length >= 2, `only ${clear.length} usable clusters`);
  for (const id of clear) {
    const t = g.dataset.spikeTemplates[g.model.spikesOf(id)[0] as number] as number;
    for (const filter of [false, true]) {
      const p = waveforms(g.dataset, g.model, [id], { mode: 'mean', nSpikes: 1000, filter });
      const c = p.clusters[0];
      assert.ok(c?.mean && c.snippets === undefined);
      const peak = p.channels[0] as number;
      const mean = Array.from({ length: 61 }, (_, s) => c.mean?.[s * p.channels.length] as number);
      const template = phyProcess(unwhitened(t, peak), filter);
      const r = correlation(mean, template);
      assert.ok(r > 0.95, `cluster ${id} filter ${filter}: correlation ${r}`);
      assert.ok(
        Math.abs(argmin(mean) - argmin(template)) <= 1,
        `trough ${argmin(mean)} vs ${argmin(template)}`,
      );
      if (!filter) assert.ok(Math.abs(argmin(mean) - 20) <= 1, `trough at ${argmin(mean)}`);
      // Amplitudes agree too (the raw file holds the unwhitened waveforms plus noise).
      const ratio = Math.min(...mean) / Math.min(...template);
      assert.ok(ratio > 0.8 && ratio < 1.25, `trough ratio ${ratio}`);
    }
  }
});

test('a merged cluster shows the spike-weighted mean of its constituent templates', () => {
  const model = g.freshModel();
  const [a, b] = [...model.clusterIds].slice(0, 2) as [number, number];
  const [na, nb] = [model.spikeCount(a), model.spikeCount(b)];
  const change = model.merge([a, b]);
  const merged = change.added[0] as number;
  const channels = [0, 5, 17];
  const p = waveforms(g.dataset, model, [merged], { mode: 'templates', channels });
  const tpl = p.clusters[0]?.template;
  assert.ok(tpl);
  assert.deepEqual(Array.from(tpl.constituents), [a, b]);
  assert.ok(Math.abs((tpl.weights[0] as number) - na / (na + nb)) < 1e-6);
  assert.equal(p.before, 20);
  channels.forEach((c, j) => {
    const ua = unwhitened(a, c);
    const ub = unwhitened(b, c);
    for (let s = 0; s < 61; s++) {
      const expected = ((ua[s] as number) * na + (ub[s] as number) * nb) / (na + nb);
      const got = tpl.mean[s * channels.length + j] as number;
      assert.ok(
        Math.abs(got - expected) < 1e-3 * Math.max(1, Math.abs(expected)),
        `ch ${c} s ${s}`,
      );
    }
  });
});

test('density maps count every snippet sample once, in the right amplitude bin', () => {
  const ids = clustersWithRaw().slice(0, 2);
  const raw = waveforms(g.dataset, g.model, ids, { mode: 'raw', nSpikes: 30 });
  const dens = waveforms(g.dataset, g.model, ids, {
    mode: 'density',
    nSpikes: 30,
    nAmplitudeBins: 16,
  });
  const bins = dens.amplitudeBins;
  assert.ok(bins && bins.nBins === 16);
  const nCh = raw.channels.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of raw.clusters)
    for (const v of c.snippets ?? []) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  assert.equal(bins.min, lo);
  assert.equal(bins.max, hi);
  raw.clusters.forEach((c, i) => {
    const d = dens.clusters[i]?.density;
    assert.ok(d && c.snippets && c.spikes);
    assert.deepEqual(dens.clusters[i]?.spikes, c.spikes);
    const expected = new Uint32Array(d.length);
    const w = (hi - lo) / 16;
    for (let k = 0; k < c.spikes.length; k++)
      for (let s = 0; s < 61; s++)
        for (let j = 0; j < nCh; j++) {
          const v = c.snippets[(k * 61 + s) * nCh + j] as number;
          const b = v === hi ? 15 : Math.floor((v - lo) / w);
          expected[(j * 61 + s) * 16 + b]++;
        }
    assert.deepEqual(d, expected);
  });
});

test('raw modes without raw data, templates without templates.npy: ViewUnavailableError', () => {
  const noRaw: Dataset = { ...g.dataset, raw: { status: 'none', reason: 'dat_path is empty' } };
  assert.throws(() => waveforms(noRaw, g.model, [0], { mode: 'raw' }), ViewUnavailableError);
  const noTemplates: Dataset = { ...g.dataset, templates: null };
  assert.throws(
    () => waveforms(noTemplates, g.model, [0], { mode: 'templates', channels: [0] }),
    ViewUnavailableError,
  );
  assert.deepEqual(snippetWindow(noTemplates), { nSamples: 61, before: 20 });
  assert.deepEqual(snippetWindow({ ...noTemplates, nt0min: undefined }), {
    nSamples: 61,
    before: 30,
  });
});
