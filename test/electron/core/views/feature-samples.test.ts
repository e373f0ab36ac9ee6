import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeatureSampleCache, sampleKey } from '../../../../electron/core/views/feature-samples.js';
import type { FeatureSet } from '../../../../shared/contract/view-types.js';

/** A sample of `n` spikes with two columns: (4 + 2 x 4) n bytes. */
function sample(n: number, value = 1): FeatureSet {
  return {
    spikes: new Uint32Array(n),
    columns: { time: new Float32Array(n).fill(value), '0A': new Float32Array(n).fill(value) },
  };
}

test('a sample counts only for the spike array it was taken from', () => {
  const cache = new FeatureSampleCache();
  const of = Uint32Array.of(1, 2, 3);
  const key = sampleKey(7, 2500, [3, 4]);
  const set = sample(3);
  cache.set(key, of, set);
  assert.equal(cache.get(key, of), set);
  assert.ok(cache.has(key, of));
  // Same content, another array (the cluster after an action): not valid, and dropped.
  const after = Uint32Array.of(1, 2, 3);
  assert.ok(!cache.has(key, after));
  assert.equal(cache.get(key, after), undefined);
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
});

test('keys tell apart clusters, sample sizes and channels', () => {
  const keys = [
    sampleKey(1, 2500, [3, 4]),
    sampleKey(2, 2500, [3, 4]),
    sampleKey(1, 100, [3, 4]),
    sampleKey(1, 2500, [4, 3]),
    sampleKey(12, 500, [3, 4]),
    sampleKey(1, 2500, [53, 4]),
  ];
  assert.equal(new Set(keys).size, keys.length);
});

test('beyond the cap the least recently used samples go first', () => {
  const bytes = 12 * 100; // one sample of 100 spikes
  const cache = new FeatureSampleCache(3 * bytes);
  const arrays = [0, 1, 2, 3].map(() => new Uint32Array(1));
  arrays.slice(0, 3).forEach((of, k) => cache.set(`k${k}`, of, sample(100, k)));
  assert.equal(cache.bytes, 3 * bytes);
  // k0 used: k1 is now the least recent.
  assert.ok(cache.get('k0', arrays[0]!));
  cache.set('k3', arrays[3]!, sample(100, 3));
  assert.equal(cache.size, 3);
  assert.equal(cache.bytes, 3 * bytes);
  assert.ok(!cache.has('k1', arrays[1]!));
  for (const k of [0, 2, 3]) assert.ok(cache.has(`k${k}`, arrays[k]!), `k${k} kept`);
  // Replacing a key does not count it twice; a sample over the cap is not kept at all.
  cache.set('k3', arrays[3]!, sample(100, 4));
  assert.equal(cache.bytes, 3 * bytes);
  cache.set('big', new Uint32Array(1), sample(400));
  assert.ok(!cache.has('big', new Uint32Array(1)));
  assert.equal(cache.size, 3);
});
