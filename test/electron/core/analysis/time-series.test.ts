import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  binnedSummaryOverTime,
  histogramUniform,
  histogramWithEdges,
  linspace,
  median,
  medianOfSorted,
  quantileOfSorted,
  sortedCopy,
} from '../../../../electron/core/analysis/time-series.js';
import { Random } from '../../../../shared/util/random.js';

describe('NumPy-compatible primitives', () => {
  it('linspace: i*step + start with the exact stop', () => {
    assert.deepEqual([...linspace(0, 1, 5)], [0, 0.25, 0.5, 0.75, 1]);
    const e = linspace(0, 0.05, 50);
    assert.equal(e[1], 0.05 / 49);
    assert.equal(e[49], 0.05);
    assert.equal(linspace(1, 2, 1)[0], 1);
  });

  it('histogramWithEdges: left-closed bins, closed last bin, outside and NaN ignored', () => {
    const edges = Float64Array.from([0, 1, 2, 3]);
    const c = histogramWithEdges([-1, 0, 0.5, 1, 2.999, 3, 3.0001, NaN], edges);
    assert.deepEqual([...c], [2, 1, 2]);
  });

  it('histogramUniform: every value lies inside its returned bin (float64 and float32)', () => {
    const rng = new Random(31);
    for (const f32 of [false, true]) {
      for (let trial = 0; trial < 20; trial++) {
        const n = 1 + rng.int(3000);
        const raw = Array.from({ length: n }, () =>
          trial % 3 === 0 ? rng.int(40) : rng.normal() * 1e3 + 7,
        );
        const values = f32 ? Float32Array.from(raw) : Float64Array.from(raw);
        const bins = 1 + rng.int(120);
        const { counts, edges } = histogramUniform(values, bins);
        assert.equal(
          counts.reduce((s, x) => s + x, 0),
          n,
        );
        // Brute force: the bin whose [edge_i, edge_i+1) holds x (last bin closed).
        const want = new Uint32Array(bins);
        for (const x of values) {
          let k = 0;
          while (k < bins - 1 && x >= (edges[k + 1] as number)) k++;
          want[k]++;
        }
        assert.deepEqual(counts, want, `trial ${trial} f32 ${f32}`);
      }
    }
  });

  it('histogramUniform widens a zero range by 0.5 on each side', () => {
    const { counts, edges } = histogramUniform(Float64Array.from([4, 4, 4]), 2);
    assert.deepEqual([...edges], [3.5, 4, 4.5]);
    assert.deepEqual([...counts], [0, 3]);
  });

  it('median and linear quantiles match their definitions', () => {
    assert.equal(median(Float64Array.from([3, 1, 2])), 2);
    assert.equal(median(Float64Array.from([4, 1, 3, 2])), 2.5);
    assert.ok(Number.isNaN(median(new Float64Array(0))));
    const s = sortedCopy([10, 20, 30, 40, 50]);
    assert.equal(quantileOfSorted(s, 0.25), 20);
    assert.equal(quantileOfSorted(s, 0.1), 14); // virtual index 0.4
    assert.equal(quantileOfSorted(s, 0.9), 46); // virtual index 3.6, lerp from the upper value
    assert.equal(quantileOfSorted(s, 1), 50);
    // float32: the two-middle sum rounds in float32.
    const a = Math.fround(1 + 2 ** -23);
    const b = Math.fround(2 ** 24);
    assert.equal(medianOfSorted([a, b], true), Math.fround(a + b) / 2);
    assert.equal(median(Float32Array.from([b, a])), Math.fround(a + b) / 2);
  });
});

describe('binnedSummaryOverTime', () => {
  it('summarises a per-spike value per time bin (median, quantiles, counts, NaN for empty bins)', () => {
    // 1 kHz; bin 1 s; spikes in bin 0: values 1,2,3,4; bin 1: none; bin 2: 10; bin 3 ignored (NaN value).
    const times = Float64Array.from([0, 200, 400, 999, 2500, 3100, 9999]);
    const values = Float32Array.from([1, 2, 3, 4, 10, NaN, 7]);
    const r = binnedSummaryOverTime(times, Uint32Array.from([0, 1, 2, 3, 4, 5]), values, {
      sampleRate: 1000,
      binS: 1,
      durationS: 4,
      quantiles: [0, 0.5, 1],
    });
    assert.deepEqual([...r.binStartsS], [0, 1, 2, 3]);
    assert.deepEqual([...r.counts], [4, 0, 1, 0]);
    assert.deepEqual(
      [...r.median].map((x) => (Number.isNaN(x) ? null : x)),
      [2.5, null, 10, null],
    );
    assert.deepEqual([...(r.quantileValues[0] as Float64Array)].slice(0, 1), [1]);
    assert.deepEqual([...(r.quantileValues[2] as Float64Array)].slice(0, 1), [4]);
  });

  it('defaults to bins up to the last spike and drops spikes at or after durationS', () => {
    const times = Float64Array.from([0, 1500, 2999]);
    const values = Float64Array.from([1, 2, 3]);
    const auto = binnedSummaryOverTime(times, Uint32Array.from([0, 1, 2]), values, {
      sampleRate: 1000,
      binS: 1,
    });
    assert.deepEqual([...auto.counts], [1, 1, 1]);
    const cut = binnedSummaryOverTime(times, Uint32Array.from([0, 1, 2]), values, {
      sampleRate: 1000,
      binS: 1,
      durationS: 2.5,
    });
    assert.deepEqual([...cut.counts], [1, 1, 0]);
    assert.throws(() =>
      binnedSummaryOverTime(times, Uint32Array.from([0]), values, { sampleRate: 1000, binS: 0 }),
    );
  });
});
