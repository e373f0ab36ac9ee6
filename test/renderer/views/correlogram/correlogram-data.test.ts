import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CorrelogramPayload } from '../../../../shared/contract/view-types.js';
import {
  correlogramScene,
  pairCounts,
} from '../../../../renderer/views/correlogram/correlogram-data.js';

const nBins = 5;
// Pair (i, j) has value 10 * i + j in lag bin j (others 0).
const counts = new Int32Array(2 * 2 * nBins);
for (let i = 0; i < 2; i++)
  for (let j = 0; j < 2; j++) counts[(i * 2 + j) * nBins + j] = 10 * i + j + 1;
const payload: CorrelogramPayload = {
  nClusters: 2,
  binSamples: 30,
  nBins,
  halfBins: 2,
  counts,
  clusterIds: [4, 9],
  binS: 0.001,
  windowS: 0.005,
  spikeCounts: Int32Array.from([10, 20]),
  totalSpikes: Int32Array.from([10, 20]),
  baseline: Float64Array.from([0.5, 0, 0.5, 0.5]),
  refractoryLines: [1, 4],
};

test('pair counts are the (i, j) slice', () => {
  assert.deepEqual(Array.from(pairCounts(payload, 1, 0)), [11, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(pairCounts(payload, 0, 1)), [0, 2, 0, 0, 0]);
});

test('one bar per non-zero bin, baseline and refractory lines per cell', () => {
  const s = correlogramScene(payload, {
    width: 300,
    height: 300,
    colors: ['#5a9bff', '#ff5a5a'],
    dark: true,
  });
  assert.equal(s.triangles.length / 6, 4 * 2);
  // 4 frames (4 segments each) + 3 baselines (one is 0) + 2 refractory lines per cell.
  assert.equal(s.lines.length / 4, 16 + 3 + 8);
  assert.deepEqual(s.labels.map((l) => l.text).slice(0, 2), ['4', '9']);
});
