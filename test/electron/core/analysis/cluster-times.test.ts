/**
 * @file ClusterTimesCache: trains hold the phylib samples of the selected spikes (checked by
 * hand), hits return the cached train, a different source array rebuilds it, budgets are cached
 * apart, and the least recently used trains go first under the byte cap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ClusterTimesCache } from '../../../../electron/core/analysis/cluster-times.js';

const times = Float64Array.from([0, 29, 59, 100, 130, 161, 200, 250]);

describe('ClusterTimesCache', () => {
  it('caches the samples of the selected spikes and serves hits without rebuilding', () => {
    const cache = new ClusterTimesCache(times, 30000);
    const spikes = Uint32Array.from([1, 2, 5]);
    let selections = 0;
    const firstTwo = (s: Uint32Array) => (selections++, s.subarray(0, 2));
    const t = cache.trainOf(7, spikes, 2, firstTwo);
    // trunc((59 / 30000) * 30000) = 58: the seconds round trip.
    assert.deepEqual([...t.samples], [29, 58]);
    assert.deepEqual([...t.spikes], [1, 2]);
    assert.equal(cache.trainOf(7, spikes, 2, firstTwo), t);
    assert.equal(selections, 1);
    // Another budget of the same cluster is a separate entry; so is a different source array.
    assert.deepEqual([...cache.trainOf(7, spikes).samples], [29, 58, 161]);
    assert.equal(cache.size, 2);
    const other = Uint32Array.from([0, 3]);
    assert.deepEqual([...cache.trainOf(7, other, 2, firstTwo).samples], [0, 100]);
    assert.equal(selections, 2);
    assert.equal(cache.size, 2);
  });

  it('evicts least recently used trains beyond the byte cap and counts bytes', () => {
    // Int32 samples: 4 bytes per spike; whole-array selections add no bytes for the spikes.
    const cache = new ClusterTimesCache(times, 1000, { maxBytes: 24 });
    const a = Uint32Array.from([0, 1]);
    const b = Uint32Array.from([2, 3]);
    const c = Uint32Array.from([4, 5]);
    const ta = cache.trainOf(1, a);
    cache.trainOf(2, b);
    cache.trainOf(3, c);
    assert.equal(cache.bytes, 24);
    assert.equal(cache.trainOf(1, a), ta); // 1 is now the most recent
    cache.trainOf(4, Uint32Array.from([6, 7])); // over the cap: 2 (least recent) goes
    assert.equal(cache.size, 3);
    assert.equal(cache.bytes, 24);
    assert.equal(cache.trainOf(1, a), ta);
    const before = cache.trainOf(3, c);
    assert.equal(cache.trainOf(3, c), before);
    // A copied subset counts its spikes too: 2 samples + 2 indices = 16 bytes.
    cache.clear();
    cache.trainOf(5, Uint32Array.from([0, 1, 2]), 2, (s) => s.slice(0, 2));
    assert.equal(cache.bytes, 16);
    // One train larger than the cap is kept (it is in use), the rest dropped.
    cache.trainOf(6, Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
    assert.equal(cache.size, 1);
    assert.equal(cache.bytes, 32);
  });
});
