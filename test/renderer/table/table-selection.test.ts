import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyClick, EMPTY_TABLE_SELECTION } from '../../../renderer/table/table-selection.js';

const order = [10, 4, 7, 2, 9];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };

test('click selects one, ctrl-click toggles, shift-click selects a range in display order', () => {
  let s = applyClick(EMPTY_TABLE_SELECTION, order, 4, plain);
  assert.deepEqual(s, { selected: [4], anchor: 4 });
  s = applyClick(s, order, 2, ctrl);
  assert.deepEqual(s.selected, [4, 2]);
  s = applyClick(s, order, 4, ctrl);
  assert.deepEqual(s.selected, [2]);
  s = applyClick({ selected: [4], anchor: 4 }, order, 9, shift);
  assert.deepEqual(s, { selected: [4, 7, 2, 9], anchor: 4 });
  // Shift again from the same anchor, upwards, replaces the range.
  s = applyClick(s, order, 10, shift);
  assert.deepEqual(s, { selected: [4, 10], anchor: 4 });
  // Ctrl+Shift adds the range to what was selected.
  s = applyClick({ selected: [9], anchor: 10 }, order, 4, { toggle: true, range: true });
  assert.deepEqual(s.selected, [9, 10, 4]);
});

test('shift-click without an anchor (or with a filtered-out anchor) acts as a click', () => {
  assert.deepEqual(applyClick(EMPTY_TABLE_SELECTION, order, 7, shift), {
    selected: [7],
    anchor: 7,
  });
  assert.deepEqual(applyClick({ selected: [99], anchor: 99 }, order, 7, shift), {
    selected: [7],
    anchor: 7,
  });
});
