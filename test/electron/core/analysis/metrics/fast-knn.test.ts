import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kNearestOthersFast } from '../../../../../electron/core/analysis/metrics/fast-knn.js';
import { kNearestOthers } from '../../../../../electron/core/analysis/nearest-neighbours.js';
import { Random } from '../../../../../shared/util/random.js';

/** Brute force: sort every other row by (squared distance, index). */
function brute(x: Float64Array, n: number, d: number, k: number): Int32Array {
  const out = new Int32Array(n * k).fill(-1);
  for (let i = 0; i < n; i++) {
    const cand: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      cand.push([s, j]);
    }
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    cand.slice(0, k).forEach(([, j], s) => (out[i * k + s] = j));
  }
  return out;
}

test('fast k-NN equals the exhaustive search on clustered data, ties included', () => {
  const rng = new Random(3);
  for (const [n, d, k] of [
    [300, 6, 4],
    [250, 12, 3],
    [40, 2, 5],
  ] as const) {
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const centre = (i % 4) * 5;
      for (let c = 0; c < d; c++) x[i * d + c] = centre + rng.normal();
    }
    // Exact ties: duplicated rows and integer-valued rows.
    x.copyWithin(10 * d, 3 * d, 4 * d);
    x.copyWithin(11 * d, 3 * d, 4 * d);
    for (let i = 20; i < 30; i++)
      for (let c = 0; c < d; c++) x[i * d + c] = Math.round(x[i * d + c] as number);
    const fast = kNearestOthersFast(x, n, d, k);
    assert.deepEqual(fast, brute(x, n, d, k), `n=${n} d=${d}`);
    assert.deepEqual(fast, kNearestOthers(x, n, d, k));
  }
});

test('fewer rows than k leave -1 slots', () => {
  const x = Float64Array.from([0, 0, 1, 1, 3, 3]);
  assert.deepEqual(Array.from(kNearestOthersFast(x, 3, 2, 3)), [1, 2, -1, 0, 2, -1, 1, 0, -1]);
});
