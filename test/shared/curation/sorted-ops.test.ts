/** @file Sorted spike-array set operations vs brute force. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  differenceSorted,
  normalizeSpikes,
  unionSorted,
} from '../../../shared/curation/sorted-ops.js';

const sortedSet = fc
  .uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 })
  .map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));

test('unionSorted equals a sorted Set union', () => {
  fc.assert(
    fc.property(fc.array(sortedSet, { maxLength: 6 }), (arrays) => {
      const expected = [...new Set(arrays.flatMap((a) => [...a]))].sort((a, b) => a - b);
      assert.deepEqual([...unionSorted(arrays)], expected);
    }),
    { seed: 1, numRuns: 300 },
  );
});

test('differenceSorted equals a filter', () => {
  fc.assert(
    fc.property(sortedSet, sortedSet, (a, b) => {
      const bs = new Set(b);
      assert.deepEqual(
        [...differenceSorted(a, b)],
        [...a].filter((x) => !bs.has(x)),
      );
    }),
    { seed: 2, numRuns: 300 },
  );
});

test('normalizeSpikes sorts numerically and removes duplicates without touching the input', () => {
  const input = [10, 2, 2, 100, 0, 10];
  assert.deepEqual([...normalizeSpikes(input)], [0, 2, 10, 100]);
  assert.deepEqual(input, [10, 2, 2, 100, 0, 10]);
  const typed = Uint32Array.from([5, 3, 5]);
  normalizeSpikes(typed);
  assert.deepEqual([...typed], [5, 3, 5]);
});
