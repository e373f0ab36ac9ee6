/**
 * @file The cluster selection that curation actions save and restore (Phy's two tables).
 *
 * Phy's rules (phy-semantics §1.3): after a merge the new cluster is selected; after a split all new
 * clusters are; after a label ("move") the wizard advances, which is table logic outside this model,
 * so the caller passes the resulting selection; undo restores the selection that preceded the undone
 * action and redo the one that followed it.
 */

import type { ClusterId } from '../domain/ids.js';

/** What is selected: `clusters` in the cluster table, `similar` in the similarity table. */
export interface Selection {
  readonly clusters: readonly ClusterId[];
  readonly similar: readonly ClusterId[];
}

export const EMPTY_SELECTION: Selection = Object.freeze({
  clusters: Object.freeze([]),
  similar: Object.freeze([]),
});

/** A frozen copy, so history entries cannot be altered through a caller's arrays. */
export function makeSelection(
  clusters: readonly ClusterId[],
  similar: readonly ClusterId[] = [],
): Selection {
  return Object.freeze({
    clusters: Object.freeze([...clusters]),
    similar: Object.freeze([...similar]),
  });
}

/** Order-sensitive equality (the first selected cluster drives the similarity table). */
export function selectionsEqual(a: Selection, b: Selection): boolean {
  const same = (x: readonly number[], y: readonly number[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.clusters, b.clusters) && same(a.similar, b.similar);
}

/** The selection after a merge or split: the new clusters, ascending, nothing in the similar table. */
export function selectionOfNewClusters(added: readonly ClusterId[]): Selection {
  return makeSelection([...added].sort((x, y) => x - y));
}
