import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { driftMetrics } from '../../../../electron/core/analysis/drift.js';

/** 200 spikes per 60 s interval at 1 kHz, position 3*b in interval b (+ optional jitter per spike). */
function stepDrift(
  nIntervals: number,
  perInterval: number[],
): { times: Float64Array; pos: Float32Array } {
  const times: number[] = [];
  const pos: number[] = [];
  for (let b = 0; b < nIntervals; b++) {
    const n = perInterval[b] ?? 200;
    for (let i = 0; i < n; i++) {
      times.push(b * 60000 + Math.floor((i * 60000) / n));
      pos.push(3 * b);
    }
  }
  return { times: Float64Array.from(times), pos: Float32Array.from(pos) };
}

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('driftMetrics (SpikeInterface)', () => {
  it('measures a linear step drift: deviations, ptp, std (ddof 0), mad', () => {
    const { times, pos } = stepDrift(10, []);
    const r = driftMetrics(times, all(times.length), pos, {
      sampleRate: 1000,
      totalSamples: 600000,
    });
    // Overall median of {0,3,...,27} x200 = (12 + 15) / 2 = 13.5.
    assert.deepEqual(
      [...r.deviations],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((b) => 3 * b - 13.5),
    );
    assert.equal(r.ptp, 27);
    const mean = 0;
    const std = Math.sqrt(r.deviations.reduce((s, d) => s + (d - mean) ** 2, 0) / 10);
    assert.ok(Math.abs(r.std - std) < 1e-12);
    assert.equal(r.mad, 7.5); // |d| sorted: 1.5,1.5,4.5,4.5,7.5,7.5,...
  });

  it('skips intervals with < 100 spikes, ignores the partial last interval, keeps its spikes in the reference', () => {
    const { times, pos } = stepDrift(5, [200, 50, 200, 200, 200]);
    // totalSamples 290 s -> 4 full intervals; interval 4 (240-300 s) is partial and dropped.
    const r = driftMetrics(times, all(times.length), pos, {
      sampleRate: 1000,
      totalSamples: 290000,
    });
    assert.equal(r.deviations.length, 4);
    // Reference over all 850 spikes: values 0 x200, 3 x50, 6 x200, 9 x200, 12 x200 -> median 6.
    assert.ok(Number.isNaN(r.deviations[1] as number));
    assert.deepEqual([r.deviations[0], r.deviations[2], r.deviations[3]], [-6, 0, 3]);
    assert.equal(r.ptp, 9);
  });

  it('is NaN with more than half the intervals invalid, or fewer than 2 intervals', () => {
    const { times, pos } = stepDrift(4, [200, 50, 50, 50]);
    const r = driftMetrics(times, all(times.length), pos, {
      sampleRate: 1000,
      totalSamples: 240000,
    });
    assert.ok(Number.isNaN(r.ptp) && Number.isNaN(r.std) && Number.isNaN(r.mad));
    // Exactly half invalid is still valid (SI: NaN only when > 50%).
    const half = stepDrift(4, [200, 200, 50, 50]);
    assert.equal(
      driftMetrics(half.times, all(half.times.length), half.pos, {
        sampleRate: 1000,
        totalSamples: 240000,
      }).ptp,
      3,
    );
    const short = driftMetrics(times, all(times.length), pos, {
      sampleRate: 1000,
      totalSamples: 100000,
    });
    assert.ok(Number.isNaN(short.ptp));
  });

  it('takes float32 medians in float32 like NumPy', () => {
    // Two middle values whose float32 sum rounds: median = fround(a + b) / 2.
    const a = Math.fround(1 + 2 ** -23);
    const b = Math.fround(2 ** 24);
    const times = Float64Array.from({ length: 400 }, (_, i) => i * 300);
    const pos = Float32Array.from({ length: 400 }, (_, i) => (i % 2 ? b : a));
    const r = driftMetrics(times, all(400), pos, { sampleRate: 1000, totalSamples: 120000 });
    const ref = Math.fround(a + b) / 2;
    assert.notEqual(ref, (a + b) / 2);
    assert.deepEqual([...r.deviations], [ref - ref, ref - ref]);
  });
});
