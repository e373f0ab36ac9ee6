import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countMismatches,
  knnAgreement,
  maxRelativeError,
} from '../../../../electron/core/gpu/parity.js';

test('countMismatches counts differing positions; length mismatch is Infinity', () => {
  assert.equal(countMismatches([1, 2, 3], [1, 0, 3]), 1);
  assert.equal(countMismatches([1, 2], [1, 2, 3]), Infinity);
});

test('maxRelativeError: relative to expected, floor for zeros, NaN rules', () => {
  assert.equal(maxRelativeError([1.1, 2], [1, 2]), 0.10000000000000009);
  assert.equal(maxRelativeError([1e-9], [0], 1e-6), 1e-3);
  assert.equal(maxRelativeError([NaN, Infinity], [NaN, Infinity]), 0);
  assert.equal(maxRelativeError([NaN], [1]), Infinity);
  assert.equal(maxRelativeError([1], [1, 2]), Infinity);
});

test('knnAgreement separates near-ties from real disagreements', () => {
  const cpu = {
    indices: new Int32Array([4, 7, 1, 2]),
    distances: new Float64Array([1, 1.00001, 2, 3]),
  };
  // Slots 0/1 swapped at (almost) equal distance: near-tie. Slot 3: another index, farther.
  const gpu = {
    indices: new Int32Array([7, 4, 1, 9]),
    distances: new Float64Array([1, 1.00001, 2, 3.5]),
  };
  const a = knnAgreement(gpu, cpu);
  assert.equal(a.indexMismatches, 3);
  assert.equal(a.unexplained, 1);
  assert.ok(Math.abs(a.maxDistanceRelError - 0.5 / 3) < 1e-12);
});
