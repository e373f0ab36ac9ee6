/**
 * @file CorrelogramView payload on a generated folder: non-zero lags against brute-force pair
 * counting (phylib's integer-sample binning), Phy's baseline and refractory lines computed by
 * hand, and the per-cluster random budget.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { correlograms } from '../../../../electron/core/analysis/correlograms.js';
import { ClusterTimesCache } from '../../../../electron/core/analysis/cluster-times.js';
import {
  clusterTimesCacheOf,
  correlogramView,
} from '../../../../electron/core/views/correlogram-view.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
before(async () => {
  g = await generated({ durationS: 60, rawSeconds: 0 });
});
after(() => g.cleanup());

const bySize = () =>
  [...g.model.clusterIds].sort((a, b) => g.model.spikeCount(b) - g.model.spikeCount(a));

/** Pairs (x in A, y in B, x != y) with floor((s_y - s_x) / bin) == k, s = trunc(t / sr * sr). */
function bruteLag(a: Uint32Array, b: Uint32Array, k: number, binSamples: number): number {
  const sr = g.dataset.sampleRate;
  const s = (i: number) => Math.trunc(((g.dataset.spikeTimes[i] as number) / sr) * sr);
  let n = 0;
  for (const x of a)
    for (const y of b)
      if (x !== y && Math.floor((s(y) - s(x)) / binSamples) === k && s(y) >= s(x)) n++;
  return n;
}

test('counts at non-zero lags equal brute-force pair counts; baseline and lines by hand', () => {
  const ids = bySize().slice(0, 3);
  const p = correlogramView(g.dataset, g.model, ids);
  assert.equal(p.nBins, 51);
  assert.equal(p.binSamples, 30);
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = g.model.spikesOf(ids[i] as number);
      const b = g.model.spikesOf(ids[j] as number);
      for (const k of [1, 2, 7, 25]) {
        const got = p.counts[(i * n + j) * 51 + 25 + k];
        assert.equal(got, bruteLag(a, b, k, 30), `pair ${i},${j} lag +${k}`);
        // Negative lags mirror the transposed pair.
        assert.equal(p.counts[(j * n + i) * 51 + 25 - k], got);
      }
      const expected = (a.length * b.length * 0.001) / g.dataset.durationS;
      assert.ok(Math.abs((p.baseline[i * n + j] as number) - expected) < 1e-12);
    }
  }
  assert.deepEqual(
    Array.from(p.spikeCounts),
    ids.map((id) => g.model.spikeCount(id)),
  );
  // round((25 - 2) / 1) = 23 and round((25 + 2) / 1) + 1 = 28.
  assert.deepEqual(p.refractoryLines, [23, 28]);
});

test('per-cluster budget: a reproducible random subset of the requested size', () => {
  const ids = bySize().slice(0, 2);
  const p = correlogramView(g.dataset, g.model, ids, { maxSpikes: 40, binS: 0.002, windowS: 0.1 });
  assert.deepEqual(Array.from(p.spikeCounts), [40, 40]);
  assert.deepEqual(
    Array.from(p.totalSpikes),
    ids.map((id) => g.model.spikeCount(id)),
  );
  assert.equal(p.nBins, 51);
  assert.deepEqual(
    p.counts,
    correlogramView(g.dataset, g.model, ids, { maxSpikes: 40, binS: 0.002, windowS: 0.1 }).counts,
  );
  const expected = (40 * 40 * 0.002) / g.dataset.durationS;
  assert.ok(Math.abs((p.baseline[1] as number) - expected) < 1e-12);
});

test('cached trains give the same counts as the uncached phylib path, and are reused', () => {
  const ids = bySize().slice(0, 4);
  const cache = new ClusterTimesCache(g.dataset.spikeTimes, g.dataset.sampleRate);
  const p = correlogramView(g.dataset, g.model, ids, { cache, maxSpikes: 200 });
  assert.equal(cache.size, 4);
  const trains = ids.map((id) => cache.trainOf(id, g.model.spikesOf(id), 200));
  const again = correlogramView(g.dataset, g.model, ids.slice(1), { cache, maxSpikes: 200 });
  assert.equal(cache.size, 4);
  const lists = trains.map((t) => t.spikes);
  const direct = correlograms(g.dataset.spikeTimes, lists, {
    sampleRate: g.dataset.sampleRate,
    binS: 1e-3,
    windowS: 0.05,
  });
  assert.deepEqual(p.counts, direct.counts);
  assert.deepEqual(
    again.counts,
    correlograms(g.dataset.spikeTimes, lists.slice(1), {
      sampleRate: g.dataset.sampleRate,
      binS: 1e-3,
      windowS: 0.05,
    }).counts,
  );
  // Without an explicit cache the dataset's shared one fills up.
  correlogramView(g.dataset, g.model, ids.slice(0, 2));
  assert.ok(clusterTimesCacheOf(g.dataset).size >= 2);
});
