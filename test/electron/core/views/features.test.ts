/**
 * @file FeatureView payload and lasso on a generated Kilosort4 folder, against values indexed by
 * hand from the whole pc_features.npy / pc_feature_ind.npy / spike_templates.npy arrays.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../../electron/core/dataset/dataset.js';
import { ViewUnavailableError } from '../../../../electron/core/views/errors.js';
import {
  FEATURE_DIMS,
  FEATURE_GRID,
  features,
  featureSamplesOf,
  featuresAsync,
  readFeaturesAhead,
  spikesInPolygon,
} from '../../../../electron/core/views/features.js';
import {
  FeatureSampleCache,
  sampleBytes,
} from '../../../../electron/core/views/feature-samples.js';
import { parseFeatureDim } from '../../../../electron/core/views/pc-values.js';
import { viewContext } from '../../../../electron/core/views/view-context.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
let pcf: { shape: number[]; data: number[] };
let ind: { shape: number[]; data: number[] };
let templatesOf: number[];

before(async () => {
  g = await generated({ durationS: 60, rawSeconds: 0 });
  pcf = g.load('pc_features.npy');
  ind = g.load('pc_feature_ind.npy');
  templatesOf = g.load('spike_templates.npy').data;
});
after(() => g.cleanup());

/** pc_features[spike, pc, j] with j the column of `channel` in its template's row, else 0. */
function pcValue(spike: number, channel: number, pc: number): number {
  const [, nPcs, nLocal] = pcf.shape as [number, number, number];
  const t = templatesOf[spike] as number;
  const row = ind.data.slice(t * nLocal, (t + 1) * nLocal);
  const j = row.indexOf(channel);
  return j < 0 ? 0 : (pcf.data[(spike * nPcs + pc) * nLocal + j] as number);
}

function value(dim: string, spike: number, channels: number[]): number {
  if (dim === 'time') return (g.dataset.spikeTimes[spike] as number) / g.dataset.sampleRate;
  return pcValue(spike, channels[Number(dim[0])] as number, (dim.charCodeAt(1) as number) - 65);
}

const bySize = () =>
  [...g.model.clusterIds].sort((a, b) => g.model.spikeCount(b) - g.model.spikeCount(a));

test('grid dims and channel choice', () => {
  for (const row of FEATURE_GRID)
    for (const [x, y] of row) {
      assert.ok((FEATURE_DIMS as readonly string[]).includes(x));
      assert.ok((FEATURE_DIMS as readonly string[]).includes(y));
    }
  const [a, b] = bySize() as [number, number];
  const p = features(g.dataset, g.model, [a, b], { nSpikes: 50, background: 40 });
  const nLocal = ind.shape[1] as number;
  const t = viewContext(g.dataset, g.model).dominantTemplate(a);
  const row = ind.data.slice(t * nLocal, (t + 1) * nLocal);
  assert.equal(p.channels.length, 2);
  for (const c of p.channels) assert.ok(row.includes(c), `channel ${c} has features`);
  assert.ok(
    viewContext(g.dataset, g.model)
      .bestChannels(a)
      .includes(p.channels[0] as number),
  );
});

test('columns equal pc_features indexed by hand, for sampled and background spikes', () => {
  const [a, b] = bySize() as [number, number];
  const p = features(g.dataset, g.model, [a, b], { nSpikes: 50, background: 40 });
  const channels = Array.from(p.channels);
  p.clusters.forEach((c, i) => {
    const id = [a, b][i] as number;
    assert.equal(c.clusterId, id);
    assert.equal(c.spikes.length, Math.min(50, g.model.spikeCount(id)));
    const all = new Set(g.model.spikesOf(id));
    for (const s of c.spikes) assert.ok(all.has(s));
  });
  assert.equal(p.background.spikes.length, 40);
  for (const set of [...p.clusters, p.background]) {
    for (const dim of FEATURE_DIMS) {
      const col = set.columns[dim] as Float32Array;
      set.spikes.forEach((s, k) => {
        assert.equal(col[k], Math.fround(value(dim, s, channels)), `${dim} of spike ${s}`);
      });
    }
  }
  p.background.spikes.forEach((s, k) =>
    assert.equal(p.background.clusters[k], g.model.spikeClusters[s]),
  );
});

test('lasso: every spike of the cluster inside the polygon, not only the displayed ones', () => {
  const id = bySize()[0] as number;
  const spikes = Array.from(g.model.spikesOf(id));
  const p = features(g.dataset, g.model, [id], { nSpikes: 20 });
  const channels = Array.from(p.channels);
  for (const [xDim, yDim] of [
    ['0A', '0B'],
    ['time', '1A'],
  ] as const) {
    const xs = spikes.map((s) => value(xDim, s, channels));
    const ys = spikes.map((s) => value(yDim, s, channels));
    const sorted = (v: number[]) => [...v].sort((u, w) => u - w);
    // A rectangle from the lower x quartile to the upper, all y above the median.
    const qx = sorted(xs);
    const x0 = qx[Math.floor(qx.length / 4)] as number;
    const x1 = qx[Math.floor((3 * qx.length) / 4)] as number;
    const y0 = sorted(ys)[Math.floor(ys.length / 2)] as number;
    const y1 = Math.max(...ys) + 1;
    const polygon = [x0, y0, x1, y0, x1, y1, x0, y1];
    const expected = spikes.filter((_, k) => {
      const [x, y] = [xs[k] as number, ys[k] as number];
      return x > x0 && x < x1 && y > y0 && y < y1;
    });
    const got = spikesInPolygon(
      g.dataset,
      g.model,
      id,
      { x: parseFeatureDim(xDim, channels), y: parseFeatureDim(yDim, channels) },
      polygon,
    );
    // Points exactly on an edge are undecided by definition: drop them from the comparison.
    const onEdge = new Set(spikes.filter((_, k) => xs[k] === x0 || xs[k] === x1 || ys[k] === y0));
    assert.deepEqual(
      Array.from(got).filter((s) => !onEdge.has(s)),
      expected,
    );
    assert.ok(expected.length > 20, `${expected.length} spikes selected: more than displayed`);
  }
});

test('without pc_features.npy: ViewUnavailableError', () => {
  const none: Dataset = { ...g.dataset, pcFeatures: null };
  assert.throws(() => features(none, g.model, [0]), ViewUnavailableError);
  assert.throws(
    () =>
      spikesInPolygon(
        none,
        g.model,
        0,
        { x: { kind: 'time' }, y: { kind: 'pc', channel: 0, pc: 0 } },
        [0, 0, 1, 0, 1, 1],
      ),
    ViewUnavailableError,
  );
  assert.throws(() => parseFeatureDim('2A', [1, 2]), RangeError);
});

/** A copy of the dataset (its own caches) whose pc_features reader counts its ranged reads. */
function countingReads(): { dataset: Dataset; reads: () => number } {
  const src = g.dataset.pcFeatures!;
  let reads = 0;
  const reader = new Proxy(src.reader, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v !== 'function') return v;
      const f = v as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (key === 'readRows' || key === 'readRowSet') reads++;
        return f.apply(target, args);
      };
    },
  });
  return { dataset: { ...g.dataset, pcFeatures: { ...src, reader } }, reads: () => reads };
}

test('featuresAsync (rows read on a worker) gives the same payload as features', async () => {
  const [a, b] = bySize();
  for (const ids of [[a], [a, b]] as number[][]) {
    const opts = { nSpikes: 60, background: 30 };
    // Each on a dataset of its own: neither takes the other's samples.
    assert.deepEqual(
      await featuresAsync({ ...g.dataset }, g.model, ids, opts),
      features({ ...g.dataset }, g.model, ids, opts),
    );
  }
});

test('samples read ahead: the same payload as computed afresh, shown without a read', async () => {
  const [a, b, c] = bySize() as [number, number, number];
  const { dataset, reads } = countingReads();
  const opts = { nSpikes: 70, background: 0 };
  const held = await readFeaturesAhead(dataset, g.model, [b, 999_999, a], () => false, {
    nSpikes: 70,
  });
  assert.deepEqual(held, [b, a], 'an id that is no cluster is skipped');
  assert.equal(featureSamplesOf(dataset).size, 2);
  const before = reads();
  const shown = features(dataset, g.model, [a], opts);
  assert.equal(reads() - before, 1, 'only the (empty) background set is read');
  assert.deepEqual(shown, features({ ...g.dataset }, g.model, [a], opts));
  // Shown together with another cluster on a's channels, b's sample (on its own) does not
  // apply unless the channels agree; either way the payload is the one computed afresh.
  assert.deepEqual(
    features(dataset, g.model, [a, b], opts),
    features({ ...g.dataset }, g.model, [a, b], opts),
  );
  // Asked again: nothing read, both still held.
  const again = reads();
  assert.deepEqual(await readFeaturesAhead(dataset, g.model, [a, b], () => false, opts), [a, b]);
  assert.equal(reads(), again);
  // Told to stop: nothing more is read ahead.
  const size = featureSamplesOf(dataset).size;
  assert.deepEqual(await readFeaturesAhead(dataset, g.model, [c], () => true, opts), []);
  assert.equal(featureSamplesOf(dataset).size, size);
  assert.equal(reads(), again);
});

test('reading ahead stops at a full cache and never pushes a sample out', async () => {
  const [a, b, c] = bySize() as [number, number, number];
  const dataset: Dataset = { ...g.dataset };
  const opts = { nSpikes: 40 };
  // Room for two samples of 40 spikes.
  const samples = new FeatureSampleCache(2 * sampleBytes(40));
  const held = await readFeaturesAhead(dataset, g.model, [a, b, c], () => false, {
    ...opts,
    samples,
  });
  assert.deepEqual(held, [a, b], 'c did not fit');
  assert.equal(samples.size, 2);
  assert.deepEqual(
    await readFeaturesAhead(dataset, g.model, [c], () => false, { ...opts, samples }),
    [],
  );
  assert.equal(samples.size, 2, 'nothing pushed out for it');
  // Those held are still answered as held.
  assert.deepEqual(
    await readFeaturesAhead(dataset, g.model, [b, a], () => false, { ...opts, samples }),
    [b, a],
  );
});

test('nothing is read ahead without pc_features.npy, or when it covers a subset of spikes', async () => {
  const [a] = bySize() as [number];
  const src = g.dataset.pcFeatures!;
  const none: Dataset = { ...g.dataset, pcFeatures: null };
  assert.deepEqual(await readFeaturesAhead(none, g.model, [a], () => false), []);
  const subset: Dataset = {
    ...g.dataset,
    pcFeatures: { ...src, spikeIds: Int32Array.from(g.model.spikesOf(a).subarray(0, 10)) },
  };
  assert.deepEqual(await readFeaturesAhead(subset, g.model, [a], () => false), []);
  assert.equal(featureSamplesOf(subset).size, 0);
});
