import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computePcMetrics,
  neighbourUnits,
  unitFeatureMatrix,
} from '../../../../electron/core/analysis/pc-metrics.js';
import { SMALL, SMALL_EXPECTED } from './small-dataset.js';

test('computePcMetrics gathers every metric with SI column names', () => {
  const m = computePcMetrics(SMALL, 7);
  assert.ok(Math.abs(m.isolation_distance - SMALL_EXPECTED.isolationDistance) < 1e-9);
  assert.ok(Math.abs(m.l_ratio - SMALL_EXPECTED.lRatio) < 1e-12);
  assert.ok(Math.abs(m.d_prime - SMALL_EXPECTED.dPrime) < 1e-10);
  assert.equal(m.nn_hit_rate, SMALL_EXPECTED.nnHitRate);
  assert.equal(m.nn_miss_rate, SMALL_EXPECTED.nnMissRate);
  assert.ok(Math.abs(m.silhouette - SMALL_EXPECTED.silhouette) < 1e-12);
});

test('neighbour units: those whose peak channel is among the unit channels', () => {
  const unitChannels = new Map([
    [1, [4, 5, 6]],
    [2, [10, 11]],
    [3, [5, 6, 7]],
  ]);
  const peak = new Map([
    [3, 6],
    [1, 5],
    [2, 10],
    [9, 4],
  ]);
  assert.deepEqual(neighbourUnits(1, unitChannels, peak), [1, 3, 9]);
  assert.deepEqual(neighbourUnits(2, unitChannels, peak), [2]);
  assert.deepEqual(neighbourUnits(3, unitChannels, peak), [1, 3]);
});

test('unitFeatureMatrix maps sparse stored slots onto the target channels, component-major', () => {
  // Two spikes, 2 PCs x 3 slots each: value = 100 * row + 10 * pc + slot.
  const data = new Float32Array(2 * 2 * 3);
  for (let r = 0; r < 2; r++) {
    for (let p = 0; p < 2; p++)
      for (let s = 0; s < 3; s++) data[(r * 2 + p) * 3 + s] = 100 * r + 10 * p + s;
  }
  const slots = [
    [7, 8, 9],
    [9, 3, 7],
  ];
  const f = unitFeatureMatrix(
    { data, m: 2, nPcs: 2, nSlots: 3, labels: [1, 2], slotChannels: (r) => slots[r] as number[] },
    [7, 9, 4],
  );
  assert.equal(f.d, 6);
  // Columns: pc0 on [7, 9, 4], then pc1 on [7, 9, 4]; channel 4 absent -> 0.
  assert.deepEqual(Array.from(f.data.subarray(0, 6)), [0, 2, 0, 10, 12, 0]);
  assert.deepEqual(Array.from(f.data.subarray(6, 12)), [102, 100, 0, 112, 110, 0]);
  const onePc = unitFeatureMatrix(
    { data, m: 2, nPcs: 2, nSlots: 3, labels: [1, 2], slotChannels: (r) => slots[r] as number[] },
    [9],
    1,
  );
  assert.deepEqual(Array.from(onePc.data), [2, 100]);
});
