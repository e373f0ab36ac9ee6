import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectMedian } from '../../../../../electron/core/analysis/metrics/select-median.js';
import { medianOfSorted } from '../../../../../electron/core/analysis/time-series.js';
import { Random } from '../../../../../shared/util/random.js';

/** Reference: a full sort (NaN last, -0 before +0), then the middle value(s). */
function sortedMedian(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

test('equals the sorted median on random data, duplicates, NaNs and signed zeros', () => {
  const rng = new Random(21);
  for (let trial = 0; trial < 400; trial++) {
    const n = rng.int(60);
    const kind = trial % 4;
    const values = Float64Array.from({ length: n }, () => {
      if (kind === 0) return rng.normal();
      if (kind === 1) return rng.int(5) - 2; // many duplicates
      if (kind === 2) return [0, -0, 1, -1, NaN][rng.int(5)] as number;
      return rng.uniform(0, 1) < 0.1 ? NaN : rng.logNormal(0, 1);
    });
    const expected = sortedMedian(values);
    const got = selectMedian(Float64Array.from(values));
    assert.ok(Object.is(got, expected), `trial ${trial}: ${got} vs ${expected} for [${values}]`);
  }
});

test('hand-checked cases', () => {
  assert.ok(Number.isNaN(selectMedian(new Float64Array(0))));
  assert.equal(selectMedian(Float64Array.of(3, 1, 2)), 2);
  assert.equal(selectMedian(Float64Array.of(4, 1, 3, 2)), 2.5);
  assert.ok(Object.is(selectMedian(Float64Array.of(-0, 0)), 0));
  assert.ok(Object.is(selectMedian(Float64Array.of(0, -0, -0)), -0));
  assert.ok(Number.isNaN(selectMedian(Float64Array.of(NaN, 1))));
  assert.equal(selectMedian(Float64Array.of(NaN, 1, 2)), 2);
});

test('float32: the two middle values are summed in float32, as medianOfSorted(sorted, true)', () => {
  const rng = new Random(31);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.int(40);
    const values = Float32Array.from({ length: n }, () =>
      rng.uniform(0, 1) < 0.05 ? NaN : rng.normal() * 1e3 + (trial % 3) * 1e7,
    );
    const expected = medianOfSorted(Float64Array.from(values).sort(), true);
    const got = selectMedian(Float64Array.from(values), true);
    assert.ok(Object.is(got, expected), `trial ${trial}: ${got} vs ${expected}`);
  }
  // 16777216 + 16777219 = 33554435 is not a float32: it rounds to 33554436 before halving.
  assert.equal(selectMedian(Float64Array.of(16777216, 16777219), true), 16777218);
  assert.equal(selectMedian(Float64Array.of(16777216, 16777219)), 16777217.5);
});
