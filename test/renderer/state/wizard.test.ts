import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterLabel,
  firstEligible,
  SELECT_SIMILAR_COUNT,
  step,
} from '../../../renderer/state/wizard.js';

const order = [5, 3, 8, 1, 9];
const groups: Record<number, string | null> = { 5: null, 3: 'noise', 8: 'good', 1: 'mua', 9: null };
const groupOf = (id: number) => groups[id] ?? null;

test('next/previous best with and without skipping noise and mua', () => {
  assert.equal(step(order, [], 1, groupOf, true), 5);
  assert.equal(step(order, [], -1, groupOf, true), 9);
  assert.equal(step(order, [5], 1, groupOf, true), 8);
  assert.equal(step(order, [5], 1, groupOf, false), 3);
  assert.equal(step(order, [8], 1, groupOf, true), 9);
  assert.equal(step(order, [9], 1, groupOf, true), null);
  assert.equal(step(order, [9], -1, groupOf, true), 8);
  assert.equal(step(order, [8], -1, groupOf, true), 5);
  // Several selected: down moves from the last in display order, up from the first.
  assert.equal(step(order, [8, 5], 1, groupOf, false), 1);
  assert.equal(step(order, [8, 3], -1, groupOf, false), 5);
  // A selected id that is not in the table (filtered out) counts as nothing selected.
  assert.equal(step(order, [42], 1, groupOf, true), 5);
});

test('after labelling, the wizard advances to the next eligible row', () => {
  assert.deepEqual(afterLabel(order, [5], groupOf, true), [8]);
  assert.deepEqual(afterLabel(order, [5], groupOf, false), [3]);
  assert.deepEqual(afterLabel(order, [3, 8], groupOf, true), [9]);
  // At the end the labelled clusters stay selected.
  assert.deepEqual(afterLabel(order, [9], groupOf, true), [9]);
});

test('Ctrl+Space: the first n eligible similar rows, in table order', () => {
  assert.deepEqual(firstEligible(order, 15, groupOf, true), [5, 8, 9]);
  assert.deepEqual(firstEligible(order, 2, groupOf, true), [5, 8]);
  assert.deepEqual(firstEligible(order, 3, groupOf, false), [5, 3, 8]);
  assert.deepEqual(firstEligible([], 15, groupOf, true), []);
  assert.equal(SELECT_SIMILAR_COUNT, 15, "Phy's default");
});
