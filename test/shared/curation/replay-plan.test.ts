import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  planReplay,
  type CurationAction,
  type JournalStep,
} from '../../../shared/curation/index.js';

const op = (ids: number[], next: number): JournalStep => ({
  action: { type: 'merge', clusterIds: ids },
  nextClusterId: next,
});
const undo = (next: number): JournalStep => ({
  action: { type: 'undo' } as CurationAction,
  nextClusterId: next,
});
const redo = (next: number): JournalStep => ({
  action: { type: 'redo' } as CurationAction,
  nextClusterId: next,
});

describe('planReplay', () => {
  it('skips actions undone and then made unreachable by a new action', () => {
    // A(0) B(1) undo B, C(3): B is dead. Counters: A made 10, B made 11, C made 12.
    const plan = planReplay([op([1, 2], 11), op([3, 4], 12), undo(12), op([5, 6], 13)], 10);
    assert.deepEqual(plan.apply, [
      { index: 0, counterBefore: 10 },
      { index: 3, counterBefore: 12 },
    ]);
    assert.equal(plan.undos, 0);
  });

  it('keeps undone actions that can still be redone, in their original order, then undoes them', () => {
    // A B C, undo, undo: redo stack holds C (bottom) and B (top).
    const plan = planReplay(
      [op([1, 2], 11), op([3, 4], 12), op([5, 6], 13), undo(13), undo(13)],
      10,
    );
    assert.deepEqual(
      plan.apply.map((a) => a.index),
      [0, 1, 2],
    );
    assert.equal(plan.undos, 2);
  });

  it('follows redo: an undone-then-redone action is live', () => {
    const plan = planReplay([op([1, 2], 11), undo(11), redo(11), op([3, 4], 12)], 10);
    assert.deepEqual(
      plan.apply.map((a) => a.index),
      [0, 3],
    );
    assert.equal(plan.undos, 0);
  });

  it('ignores undo with nothing to undo and redo with nothing to redo', () => {
    const plan = planReplay([undo(10), redo(10), op([1, 2], 11)], 10);
    assert.deepEqual(plan.apply, [{ index: 2, counterBefore: 10 }]);
  });
});
