/**
 * @file Curation actions as plain, serialisable descriptions.
 *
 * The session journal stores every applied action and replays the list at reopen: applying the same
 * list to the same initial state yields the same state, ids included. An action optionally carries
 * the selection at the time it was issued; journal it WITH the selection so that undo after a reopen
 * restores the same selection.
 */

import type { ClusterId, SpikeIndex } from '../domain/ids.js';
import type { LabelValue } from '../domain/labels.js';
import type { Selection } from './selection.js';

/** Sets (or, with `value: null`, removes) one label field on some clusters. */
export interface LabelAction {
  readonly type: 'label';
  readonly field: string;
  readonly clusterIds: readonly ClusterId[];
  readonly value: LabelValue | null;
  /** Selection when the action was issued (default: the model's current selection). */
  readonly selection?: Selection;
  /** Selection after it (the wizard's advance, decided by the UI; default: unchanged). */
  readonly selectionAfter?: Selection;
}

/** Moves all spikes of two or more clusters into one new cluster. */
export interface MergeAction {
  readonly type: 'merge';
  readonly clusterIds: readonly ClusterId[];
  readonly selection?: Selection;
}

/** Moves the given spikes into one new cluster; each touched cluster's rest gets a new id too. */
export interface SplitAction {
  readonly type: 'split';
  readonly spikes: Uint32Array;
  readonly selection?: Selection;
}

export interface UndoAction {
  readonly type: 'undo';
}

export interface RedoAction {
  readonly type: 'redo';
}

export type CurationAction = LabelAction | MergeAction | SplitAction | UndoAction | RedoAction;

/** The operations that create history entries (undo/redo replay one of these). */
export type OperationKind = 'label' | 'merge' | 'split';

export const labelAction = (
  field: string,
  clusterIds: readonly ClusterId[],
  value: LabelValue | null,
): LabelAction => ({ type: 'label', field, clusterIds: [...clusterIds], value });

export const mergeAction = (clusterIds: readonly ClusterId[]): MergeAction => ({
  type: 'merge',
  clusterIds: [...clusterIds],
});

export const splitAction = (spikes: ArrayLike<SpikeIndex>): SplitAction => ({
  type: 'split',
  spikes: Uint32Array.from(spikes),
});

export const UNDO: UndoAction = Object.freeze({ type: 'undo' });
export const REDO: RedoAction = Object.freeze({ type: 'redo' });
