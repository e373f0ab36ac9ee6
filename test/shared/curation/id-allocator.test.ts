/** @file Cluster id counter: Phy start rule, no reuse, restore floor. */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { IdAllocator } from '../../../shared/curation/id-allocator.js';

test('next id = max(largest + 1, persisted); take reserves consecutive ids', () => {
  assert.equal(new IdAllocator(41).nextClusterId, 42);
  assert.equal(new IdAllocator(41, 100).nextClusterId, 100);
  assert.equal(new IdAllocator(41, 10).nextClusterId, 42);
  assert.equal(new IdAllocator(-1).nextClusterId, 0);
  const a = new IdAllocator(4);
  assert.equal(a.take(3), 5);
  assert.equal(a.take(1), 8);
  assert.equal(a.snapshot(), 9);
  assert.throws(() => new IdAllocator(4, -1), RangeError);
  assert.throws(() => new IdAllocator(4, 1.5), RangeError);
});

test('restore may raise the counter or go back to the floor, never below an issued id', () => {
  const a = new IdAllocator(4);
  a.take(2); // 5, 6
  assert.throws(() => a.restore(6), RangeError);
  a.restore(20);
  assert.equal(a.nextClusterId, 20);
  a.restore(7);
  assert.equal(a.take(1), 7);
  a.markUsed(30);
  assert.equal(a.nextClusterId, 31);
  assert.throws(() => a.restore(30), RangeError);
});
