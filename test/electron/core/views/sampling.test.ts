/**
 * @file Display subsets: even spacing (hand-checked), seeded random subsets (a valid uniform
 * sample: distinct, sorted, deterministic, unbiased on average) and fair budget sharing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evenlySpaced,
  evenlySpacedIndices,
  fairShare,
  randomSubset,
} from '../../../../electron/core/views/sampling.js';

test('evenly spaced picks', () => {
  const spikes = Uint32Array.from({ length: 10 }, (_, i) => 100 + 3 * i);
  assert.deepEqual(Array.from(evenlySpaced(spikes, 4)), [100, 106, 115, 121]); // idx 0, 2, 5, 7
  assert.equal(evenlySpaced(spikes, 10), spikes);
  assert.equal(evenlySpaced(spikes, 50), spikes);
  assert.equal(evenlySpaced(spikes, 0).length, 0);
  assert.deepEqual(Array.from(evenlySpacedIndices(10, 4)), [0, 2, 5, 7]);
  assert.deepEqual(Array.from(evenlySpacedIndices(3, 5)), [0, 1, 2]);
});

test('random subsets are uniform samples, sorted and reproducible', () => {
  const spikes = Uint32Array.from({ length: 1000 }, (_, i) => 2 * i + 1);
  const a = randomSubset(spikes, 100, 7);
  assert.equal(a.length, 100);
  assert.deepEqual(a, randomSubset(spikes, 100, 7));
  assert.notDeepEqual(a, randomSubset(spikes, 100, 8));
  const members = new Set(spikes);
  for (let i = 0; i < a.length; i++) {
    assert.ok(members.has(a[i] as number));
    if (i > 0) assert.ok((a[i] as number) > (a[i - 1] as number));
  }
  assert.equal(randomSubset(spikes, 2000, 1), spikes);
  // Exactly n, for any n up to the length (also n = 0 and n = length - 1).
  for (const n of [0, 1, 2, 499, 998, 999]) assert.equal(randomSubset(spikes, n, n + 3).length, n);
  // Each element is picked with probability 1/10: over 200 seeds the first and last deciles
  // are hit about equally often (a stride or a biased shuffle would skew this).
  let low = 0;
  let high = 0;
  for (let seed = 0; seed < 200; seed++) {
    for (const s of randomSubset(spikes, 100, seed)) {
      if (s < 200) low++;
      else if (s >= 1800) high++;
    }
  }
  // Expected 2000 each; sd ~ 42.
  assert.ok(Math.abs(low - 2000) < 200, `low ${low}`);
  assert.ok(Math.abs(high - 2000) < 200, `high ${high}`);
});

test('fair share: small groups keep everything, the rest split evenly', () => {
  assert.deepEqual(fairShare([5, 1000, 1000], 305), [5, 150, 150]);
  assert.deepEqual(fairShare([10, 20, 30], 1000), [10, 20, 30]);
  assert.deepEqual(fairShare([100, 100, 100], 10), [3, 3, 4]);
  assert.deepEqual(fairShare([], 10), []);
  assert.deepEqual(fairShare([7], 0), [0]);
});
