import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offerNeighbour } from '../../../../../electron/core/analysis/metrics/k-nearest-list.js';

test('offerNeighbour keeps the k nearest ascending, ties to the lower row, NaN never', () => {
  const k = 3;
  const best = new Float64Array(k).fill(Infinity);
  const idx = new Int32Array(k).fill(-1);
  const offers: [number, number][] = [
    [5, 10],
    [2, 11],
    [5, 4],
    [9, 1],
    [2, 3],
    [NaN, 0],
    [5, 2],
  ];
  const entered = offers.map(([v, j]) => offerNeighbour(best, idx, k, v, j));
  assert.deepEqual(entered, [true, true, true, false, true, false, true]);
  assert.deepEqual(Array.from(best), [2, 2, 5]);
  assert.deepEqual(Array.from(idx), [3, 11, 2]);
  // The same answer as sorting every offer by (distance, row).
  const sorted = offers
    .filter(([v]) => !Number.isNaN(v))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k);
  assert.deepEqual(
    Array.from(idx),
    sorted.map(([, j]) => j),
  );
});
