/**
 * @file Merge and split as reversible reassignments of whole clusters (Phy clustering.py).
 *
 * Every action only ever deletes clusters and creates brand-new ones: a split gives the selected
 * spikes id N and the rest of each touched cluster N+1, N+2, ... in ascending order of the old id.
 * A reassignment keeps the spike arrays of both sides, so applying it forwards (do/redo) or
 * backwards (undo) costs O(spikes of the touched clusters) — never a scan of all spikes.
 */

import type { ClusterId } from '../domain/ids.js';
import { CurationError } from './errors.js';
import { largestParent } from './inheritance.js';
import { differenceSorted, unionSorted } from './sorted-ops.js';
import type { SpikesPerCluster } from './spike-index.js';

type ClusterSpikes = readonly [ClusterId, Uint32Array];

export interface Reassignment {
  readonly kind: 'merge' | 'split';
  /** Deleted clusters with their spikes, ascending id. */
  readonly removed: readonly ClusterSpikes[];
  /** Created clusters with their spikes, ascending id (consecutive from the first new id). */
  readonly added: readonly ClusterSpikes[];
  /** (parent, child) pairs, sorted by parent then child. */
  readonly descendants: ReadonlyArray<readonly [ClusterId, ClusterId]>;
  /** The parent with the most spikes (ties: smallest id), for label inheritance. */
  readonly largestParent: ClusterId;
}

/**
 * Plans merging existing clusters into `newId`.
 * @param clusterIds distinct existing ids, ascending
 */
export function planMerge(
  index: SpikesPerCluster,
  clusterIds: readonly ClusterId[],
  newId: ClusterId,
): Reassignment {
  const removed = clusterIds.map((id) => [id, index.get(id) as Uint32Array] as const);
  const merged = unionSorted(removed.map(([, spikes]) => spikes));
  return {
    kind: 'merge',
    removed,
    added: [[newId, merged]],
    descendants: clusterIds.map((id) => [id, newId] as const),
    largestParent: largestParent(clusterIds, (id) => index.get(id)?.length ?? 0),
  };
}

/** Index of `c` in the small list of touched clusters (linear: a lasso touches few clusters). */
function slotOf(c: ClusterId, ids: number[], many: Map<ClusterId, number>): number {
  if (ids.length <= 16) {
    for (let k = 0; k < ids.length; k++) if (ids[k] === c) return k;
  } else {
    const k = many.get(c);
    if (k !== undefined) return k;
  }
  ids.push(c);
  many.set(c, ids.length - 1);
  return ids.length - 1;
}

/**
 * Splits a sorted selection into per-cluster sorted parts, keyed by cluster id. Two passes with a
 * slot per spike instead of a Map lookup per spike: this is the hot loop of a large lasso split.
 */
function groupByCluster(
  spikeClusters: Int32Array,
  spikes: Uint32Array,
): Map<ClusterId, Uint32Array> {
  const slots = new Int32Array(spikes.length);
  const ids: number[] = [];
  const many = new Map<ClusterId, number>();
  const counts: number[] = [];
  let lastId = NaN;
  let lastSlot = -1;
  for (let i = 0; i < spikes.length; i++) {
    const c = spikeClusters[spikes[i] as number] as number;
    if (c !== lastId) {
      lastId = c;
      lastSlot = slotOf(c, ids, many);
      if (lastSlot === counts.length) counts.push(0);
    }
    slots[i] = lastSlot;
    counts[lastSlot]++;
  }
  const parts = ids.map((_, k) => new Uint32Array(counts[k] as number));
  const fill = new Int32Array(ids.length);
  for (let i = 0; i < spikes.length; i++) {
    const k = slots[i] as number;
    (parts[k] as Uint32Array)[fill[k]++] = spikes[i] as number;
  }
  return new Map(ids.map((id, k) => [id, parts[k] as Uint32Array]));
}

/**
 * Plans a split of a selection (sorted, distinct, valid spike indices) with first new id `newId`.
 * A selection made of whole clusters only is a merge of them (Phy `_do_assign` shortcut); a
 * selection that is exactly one whole cluster would only rename it, and is refused.
 */
export function planSplit(
  index: SpikesPerCluster,
  spikeClusters: Int32Array,
  spikes: Uint32Array,
  newId: ClusterId,
): Reassignment {
  const parts = groupByCluster(spikeClusters, spikes);
  const touched = [...parts.keys()].sort((a, b) => a - b);
  const rests = touched.map((c) =>
    differenceSorted(index.get(c) as Uint32Array, parts.get(c) as Uint32Array),
  );
  if (rests.every((rest) => rest.length === 0)) {
    if (touched.length === 1) {
      throw new CurationError(
        'nothing-to-split',
        `the selection is the whole cluster ${touched[0]}: nothing to split`,
      );
    }
    return planMerge(index, touched, newId);
  }
  const added: ClusterSpikes[] = [[newId, spikes]];
  const descendants: Array<readonly [ClusterId, ClusterId]> = [];
  let next = newId + 1;
  touched.forEach((c, i) => {
    descendants.push([c, newId]);
    const rest = rests[i] as Uint32Array;
    if (rest.length > 0) {
      added.push([next, rest]);
      descendants.push([c, next]);
      next++;
    }
  });
  return {
    kind: 'split',
    removed: touched.map((c) => [c, index.get(c) as Uint32Array] as const),
    added,
    descendants,
    largestParent: largestParent(touched, (id) => index.get(id)?.length ?? 0),
  };
}

/** Applies a reassignment forwards (do, redo) or backwards (undo) to the assignment and index. */
export function applyReassignment(
  spikeClusters: Int32Array,
  index: SpikesPerCluster,
  r: Reassignment,
  direction: 'forward' | 'backward',
): void {
  const [from, to] = direction === 'forward' ? [r.removed, r.added] : [r.added, r.removed];
  index.replace(
    from.map(([id]) => id),
    to,
  );
  for (const [id, spikes] of to) {
    for (let i = 0; i < spikes.length; i++) spikeClusters[spikes[i] as number] = id;
  }
}
