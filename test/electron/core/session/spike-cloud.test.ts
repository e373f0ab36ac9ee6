import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressiveOrder } from '../../../../electron/core/session/spike-cloud.js';

describe('progressiveOrder', () => {
  it('is a permutation whose prefixes are spread evenly', () => {
    for (const n of [0, 1, 2, 7, 1000, 4096, 5001]) {
      const order = progressiveOrder(n);
      assert.equal(order.length, n);
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i),
      );
    }
    // The first 1/8 of a 4096-point order hits every 512-wide stretch of the range exactly 64 times.
    const order = progressiveOrder(4096).subarray(0, 512);
    const perStretch = new Array(8).fill(0);
    for (const i of order) perStretch[Math.floor(i / 512)]++;
    assert.deepEqual(perStretch, new Array(8).fill(64));
  });
});
