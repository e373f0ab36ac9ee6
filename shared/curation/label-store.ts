/**
 * @file Per-cluster label fields (Phy's ClusterMeta): field -> cluster id -> LabelValue.
 *
 * Only clusters that exist hold labels: merge/split remove the labels of the clusters they delete
 * and undo puts them back, through reversible patches. Fields behave as in Phy: once a field is
 * known (loaded from a TSV, or named by a label action, even one later undone) it stays, because
 * Phy then writes its cluster_<field>.tsv on every save. `group` is always a field.
 */

import type { ClusterId } from '../domain/ids.js';
import { GROUP_FIELD, type LabelValue } from '../domain/labels.js';

/** One reversible cell change. `undefined` means "no label". */
export interface LabelCellChange {
  readonly field: string;
  readonly clusterId: ClusterId;
  readonly before: LabelValue | undefined;
  readonly after: LabelValue | undefined;
}

export class LabelStore {
  private readonly data = new Map<string, Map<ClusterId, LabelValue>>();

  constructor(fields: Iterable<string> = []) {
    this.addField(GROUP_FIELD);
    for (const field of fields) this.addField(field);
  }

  /** Registers a field (no-op if known). */
  addField(field: string): void {
    if (!this.data.has(field)) this.data.set(field, new Map());
  }

  /** Known fields, sorted like Phy's `ClusterMeta.fields`. */
  get fields(): string[] {
    return [...this.data.keys()].sort();
  }

  hasField(field: string): boolean {
    return this.data.has(field);
  }

  get(field: string, clusterId: ClusterId): LabelValue | undefined {
    return this.data.get(field)?.get(clusterId);
  }

  /** Values of one field, keyed by cluster id (live clusters only). Do not mutate. */
  values(field: string): ReadonlyMap<ClusterId, LabelValue> {
    return this.data.get(field) ?? new Map();
  }

  /** Sets (or removes, with undefined) one cell and returns the reversible change. */
  set(field: string, clusterId: ClusterId, value: LabelValue | undefined): LabelCellChange {
    this.addField(field);
    const column = this.data.get(field) as Map<ClusterId, LabelValue>;
    const before = column.get(clusterId);
    if (value === undefined) column.delete(clusterId);
    else column.set(clusterId, value);
    return { field, clusterId, before, after: value };
  }

  /** Removes every label of the given clusters, returning the changes (fields in sorted order). */
  clearClusters(clusterIds: readonly ClusterId[]): LabelCellChange[] {
    const changes: LabelCellChange[] = [];
    for (const field of this.fields) {
      for (const id of clusterIds) {
        if (this.get(field, id) !== undefined) changes.push(this.set(field, id, undefined));
      }
    }
    return changes;
  }

  /** Re-applies changes forwards (redo). */
  redo(changes: readonly LabelCellChange[]): void {
    for (const c of changes) this.set(c.field, c.clusterId, c.after);
  }

  /** Reverts changes, last first (undo). */
  undo(changes: readonly LabelCellChange[]): void {
    for (let i = changes.length - 1; i >= 0; i--) {
      const c = changes[i] as LabelCellChange;
      this.set(c.field, c.clusterId, c.before);
    }
  }
}
