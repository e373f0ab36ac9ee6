import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  groupSeries,
  seriesOf,
} from '../../../../../electron/core/analysis/metrics/cluster-series.js';
import type { SpikeInputs } from '../../../../../electron/core/analysis/metrics/time-metrics.js';
import { Random } from '../../../../../shared/util/random.js';

/** n spikes in 5 clusters (ids 3, 7, 8, 20, 41), random times/amplitudes/depths. */
function spikes(rng: Random, n: number) {
  const ids = [3, 7, 8, 20, 41];
  const spikeClusters = Int32Array.from({ length: n }, () => ids[rng.int(ids.length)] as number);
  const inputs: SpikeInputs = {
    times: Float64Array.from({ length: n }, (_, i) => i * 10 + rng.int(10)),
    span: { sampleRate: 30000, totalSamples: n * 10 + 10 },
    amplitudes: Float32Array.from({ length: n }, () => rng.uniform(5, 50)),
    depths: Float64Array.from({ length: n }, () => rng.uniform(0, 3000)),
  };
  const lists = ids.map((id) =>
    Uint32Array.from(
      spikeClusters.reduce<number[]>((acc, c, i) => (c === id ? [...acc, i] : acc), []),
    ),
  );
  return { ids, spikeClusters, inputs, lists };
}

/** Brute force: each cluster's values gathered one by one. */
function expectGrouped(inputs: SpikeInputs, list: Uint32Array, got: ReturnType<typeof seriesOf>) {
  assert.deepEqual(
    [...got.times],
    [...list].map((s) => inputs.times[s]),
  );
  assert.ok(got.amplitudes instanceof Float32Array);
  assert.deepEqual(
    [...(got.amplitudes as Float32Array)],
    [...list].map((s) => (inputs.amplitudes as Float32Array)[s]),
  );
  assert.ok(got.depths instanceof Float64Array);
  assert.deepEqual(
    [...(got.depths as Float64Array)],
    [...list].map((s) => (inputs.depths as Float64Array)[s]),
  );
}

test('sequential pass and per-cluster gathers give every cluster its own values in order', () => {
  const rng = new Random(6);
  const { ids, spikeClusters, inputs, lists } = spikes(rng, 2000);
  // A subset of the clusters, in another order than their ids.
  const pick = [3, 0, 4];
  const chosen = pick.map((p) => lists[p] as Uint32Array);
  const chosenIds = pick.map((p) => ids[p] as number);
  for (const opts of [
    { ids: chosenIds, spikeClusters, shared: true },
    { ids: chosenIds, spikeClusters },
    {},
  ]) {
    const grouped = groupSeries(inputs, chosen, opts);
    assert.equal(grouped.times.buffer instanceof SharedArrayBuffer, opts.shared === true);
    chosen.forEach((list, c) => expectGrouped(inputs, list, seriesOf(grouped, c)));
  }
});

test('a spike map that disagrees with the lists is not used', () => {
  const rng = new Random(8);
  const { ids, spikeClusters, inputs, lists } = spikes(rng, 500);
  // Cluster 7 loses its first spike in the lists (counts now disagree with the map).
  const edited = lists.map((l, i) => (i === 1 ? l.subarray(1) : l));
  const grouped = groupSeries(inputs, edited, { ids, spikeClusters });
  edited.forEach((list, c) => expectGrouped(inputs, list, seriesOf(grouped, c)));
  // Without amplitudes or depths, those stay null.
  const bare = groupSeries({ ...inputs, amplitudes: null, depths: null }, edited);
  assert.equal(seriesOf(bare, 0).amplitudes, null);
  assert.equal(seriesOf(bare, 0).depths, null);
});
