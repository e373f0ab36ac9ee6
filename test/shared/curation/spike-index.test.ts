/** @file Spikes-per-cluster index vs a brute-force grouping. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { SpikesPerCluster } from '../../../shared/curation/spike-index.js';

function bruteForce(assign: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  assign.forEach((c, s) => out.set(c, [...(out.get(c) ?? []), s]));
  return out;
}

function assertIndex(index: SpikesPerCluster, assign: number[]): void {
  const expected = bruteForce(assign);
  assert.deepEqual(
    [...index.clusterIds],
    [...expected.keys()].sort((a, b) => a - b),
  );
  assert.equal(index.size, expected.size);
  for (const [id, spikes] of expected) assert.deepEqual([...(index.get(id) ?? [])], spikes);
}

test('counting-sort build equals a brute-force grouping (dense ids, negative ids, huge sparse ids)', () => {
  const ids = fc.oneof(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(-2147483648, 2147483647, 1_000_000_000),
  );
  fc.assert(
    fc.property(fc.array(ids, { maxLength: 80 }), (assign) => {
      assertIndex(SpikesPerCluster.build(Int32Array.from(assign)), assign);
    }),
    { seed: 3, numRuns: 300 },
  );
});

test('replace swaps clusters and keeps the id list sorted', () => {
  const assign = [4, 1, 4, 9, 1];
  const index = SpikesPerCluster.build(Int32Array.from(assign));
  const before = index.clusterIds;
  index.replace([1, 4], [[10, Uint32Array.from([0, 1, 2, 4])]]);
  assert.deepEqual([...index.clusterIds], [9, 10]);
  assert.deepEqual([...before], [1, 4, 9], 'a previously returned id list is not mutated');
  assert.equal(index.has(1), false);
  index.replace(
    [10],
    [
      [4, Uint32Array.from([0, 2])],
      [1, Uint32Array.from([1, 4])],
    ],
  );
  assertIndex(index, assign);
});
