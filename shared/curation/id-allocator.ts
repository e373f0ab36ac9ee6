/**
 * @file Cluster id allocation with Phy's rule: ids only grow and are never handed out twice.
 *
 * Phy starts at `.phy/new_cluster_id.json` if present, else max(spike_clusters) + 1, and bumps the
 * counter past every id an action creates; undo does not give ids back. Phy asserts that the
 * persisted counter exceeds every id on disk; we instead take the larger of the two, so an
 * externally edited spike_clusters.npy cannot make us reuse an id (phy-semantics §2.3).
 */

import type { ClusterId } from '../domain/ids.js';

export class IdAllocator {
  private next: number;
  /** The lowest value the counter may ever be restored to (one past the largest id ever seen). */
  private floor: number;

  /**
   * @param largestExistingId largest cluster id in the loaded assignment (-1 when there are none)
   * @param persisted the counter from a previous session (`.phy/new_cluster_id.json`), if any
   */
  constructor(largestExistingId: ClusterId, persisted?: number) {
    if (persisted !== undefined && !(Number.isSafeInteger(persisted) && persisted >= 0)) {
      throw new RangeError(`invalid persisted cluster id counter: ${persisted}`);
    }
    this.floor = Math.max(largestExistingId + 1, 0);
    this.next = Math.max(this.floor, persisted ?? 0);
  }

  /** The id the next merge/split will give its first new cluster. */
  get nextClusterId(): ClusterId {
    return this.next;
  }

  /** Reserves `count` consecutive ids and returns the first. */
  take(count: number): ClusterId {
    const first = this.next;
    this.next += count;
    this.floor = this.next;
    return first;
  }

  /** Makes sure ids up to `id` are never handed out (redo re-creates ids it already had). */
  markUsed(id: ClusterId): void {
    this.next = Math.max(this.next, id + 1);
    this.floor = Math.max(this.floor, id + 1);
  }

  /** The counter value to persist (what Phy writes to new_cluster_id.json). */
  snapshot(): number {
    return this.next;
  }

  /**
   * Sets the counter, e.g. to a value persisted by Phy after a session that we replay. Lowering it
   * below an id already issued or loaded is refused: that would let a later action reuse an id.
   */
  restore(value: number): void {
    if (!Number.isSafeInteger(value) || value < this.floor) {
      throw new RangeError(
        `cluster id counter ${value} would allow reusing ids (minimum ${this.floor})`,
      );
    }
    this.next = value;
  }
}
