/** @file Spikes-per-cluster index vs a brute-force grouping. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  SpikesPerCluster,
  countSpikesPerId,
  denseIdLimit,
  groupSpikesById,
} from '../../../shared/curation/spike-index.js';

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

test('the dense passes (count, group) rebuilt with fromGroups equal a brute-force grouping', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 }), (assign) => {
      const ids = Int32Array.from(assign);
      const counts = countSpikesPerId(ids, denseIdLimit(ids.length));
      assert.ok(counts);
      for (let c = 0; c + 1 < counts.length; c++) {
        assert.equal(counts[c + 1], assign.filter((x) => x === c).length);
      }
      const order = groupSpikesById(ids, counts);
      assert.equal(counts[counts.length - 1], assign.length, 'counts became start offsets');
      assertIndex(SpikesPerCluster.fromGroups(order, counts), assign);
    }),
    { seed: 4, numRuns: 200 },
  );
});

test('countSpikesPerId gives up on negative ids and ids beyond the limit', () => {
  assert.equal(countSpikesPerId(Int32Array.from([0, -1]), 100), null);
  assert.equal(countSpikesPerId(Int32Array.from([0, 100]), 100), null);
  assert.ok(countSpikesPerId(Int32Array.from([0, 99]), 100));
  assert.throws(
    () => SpikesPerCluster.fromGroups(new Uint32Array(3), Uint32Array.from([0, 2])),
    /do not cover/,
  );
});
