/**
 * @file The record every applied action returns (what the UI, caches and journal react to).
 */

import type { ClusterId } from '../domain/ids.js';
import type { LabelValue } from '../domain/labels.js';
import type { OperationKind } from './actions.js';
import type { Selection } from './selection.js';

/** The new value of one label cell of a live cluster (null: the label was removed). */
export interface LabelChange {
  readonly field: string;
  readonly clusterId: ClusterId;
  readonly value: LabelValue | null;
}

export interface ClusterChange {
  /** What was applied: an operation, or undo/redo of one. */
  readonly action: 'label' | 'merge' | 'split' | 'undo' | 'redo';
  /**
   * The operation performed, undone or redone. A split whose selection covers whole clusters only is
   * a merge (Phy clustering.py `_do_assign`), so its kind is 'merge'.
   */
  readonly kind: OperationKind;
  /** Clusters that now exist and did not before, ascending. */
  readonly added: readonly ClusterId[];
  /** Clusters that existed before and no longer do, ascending. */
  readonly deleted: readonly ClusterId[];
  /** (old cluster, new cluster) pairs sharing spikes, sorted by old then new id. */
  readonly descendants: ReadonlyArray<readonly [ClusterId, ClusterId]>;
  /** Spike count of each cluster in `added`, same order. */
  readonly addedSpikeCounts: readonly number[];
  /** Label cells of live clusters whose value changed (inheritance included), in application order. */
  readonly labelChanges: readonly LabelChange[];
  /** The selection after the change. */
  readonly selection: Selection;
  /** Model revision after the change (+1 per applied action, undo/redo included). */
  readonly revision: number;
  /** The id counter after the change (Phy persists it to .phy/new_cluster_id.json). */
  readonly nextClusterId: ClusterId;
}
