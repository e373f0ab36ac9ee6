/**
 * @file Plans a fast replay of a journal: actions that were undone and then dropped from the redo
 * stack (by a later new action) have no effect on the final state or on the undo/redo stacks, so
 * they are skipped. The plan applies the live actions in their original order (each with the id
 * counter it originally saw, so it creates the same ids) and then undoes the ones that sit on the
 * redo stack. A session that tried and undid many merges reopens in the time of its live actions.
 */
import type { CurationAction } from './actions.js';

export interface JournalStep {
  action: CurationAction;
  /** The id counter after this step, as journaled. */
  nextClusterId: number;
}

export interface ReplayPlan {
  /** Indices (into the journal) of the operations to apply, in order, each with the counter to
   * restore before applying it. */
  apply: Array<{ index: number; counterBefore: number }>;
  /** Undos to perform after applying (the redo stack's depth). */
  undos: number;
}

export function planReplay(steps: readonly JournalStep[], initialCounter: number): ReplayPlan {
  const done: number[] = [];
  const redo: number[] = [];
  steps.forEach((step, index) => {
    const type = step.action.type;
    if (type === 'undo') {
      const top = done.pop();
      if (top !== undefined) redo.push(top);
    } else if (type === 'redo') {
      const top = redo.pop();
      if (top !== undefined) done.push(top);
    } else {
      done.push(index);
      redo.length = 0; // a new action makes the undone ones unreachable: dead
    }
  });
  // Apply the done stack, then the redo stack from its top (the earliest undone op) down, which
  // restores the original order of application; then undo the latter.
  const order = [...done, ...[...redo].reverse()];
  const apply = order.map((index) => ({
    index,
    counterBefore: index === 0 ? initialCounter : (steps[index - 1] as JournalStep).nextClusterId,
  }));
  return { apply, undos: redo.length };
}
