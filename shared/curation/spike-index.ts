/**
 * @file The spikes-per-cluster index: cluster id -> sorted spike indices, plus the sorted id list.
 *
 * Built once at load with a counting sort (O(n_spikes)); afterwards merge/split/undo only swap the
 * arrays of the clusters they touch, so no action ever scans all spikes. Arrays are never mutated
 * after insertion: history entries keep references to them for undo, and callers may hold them.
 */

import type { ClusterId } from '../domain/ids.js';

/** Dense counting is used while the id range stays within this multiple of the spike count. */
const DENSE_RANGE_FACTOR = 4;

/** Groups spike indices by cluster. Each array is ascending because spikes are visited in order. */
function countingSort(spikeClusters: Int32Array): Map<ClusterId, Uint32Array> {
  const n = spikeClusters.length;
  const out = new Map<ClusterId, Uint32Array>();
  if (n === 0) return out;
  // Fast path, two passes over the spikes: count per id (ids are small non-negative integers in
  // practice, so the count array grows to max id + 1), then scatter. At 20 M spikes every pass
  // costs ~100 ms, so the min/max pass of the general path is worth saving.
  const limit = DENSE_RANGE_FACTOR * n + 65536;
  let counts = new Uint32Array(Math.min(limit, 1024) + 1);
  let dense = true;
  for (let i = 0; i < n; i++) {
    const c = spikeClusters[i] as number;
    if (c + 1 >= counts.length) {
      if (c < 0 || c >= limit) {
        dense = false;
        break;
      }
      const grown = new Uint32Array(Math.min(limit, Math.max(c + 1, counts.length * 2)) + 1);
      grown.set(counts);
      counts = grown;
    } else if (c < 0) {
      dense = false;
      break;
    }
    counts[c + 1]++;
  }
  if (!dense) return sparseCountingSort(spikeClusters);
  const nIds = counts.length - 1;
  for (let r = 0; r < nIds; r++) counts[r + 1] += counts[r] as number;
  const buffer = new Uint32Array(n);
  const cursor = counts.slice(0, nIds);
  for (let i = 0; i < n; i++) buffer[cursor[spikeClusters[i] as number]++] = i;
  for (let id = 0; id < nIds; id++) {
    const start = counts[id] as number;
    const end = counts[id + 1] as number;
    // One shared buffer with views: no per-cluster allocation at load.
    if (end > start) out.set(id, buffer.subarray(start, end));
  }
  return out;
}

/**
 * The general path: a pathological id set (negative ids, or one id near 2^31) is ranked first so
 * memory stays proportional to the spike count.
 */
function sparseCountingSort(spikeClusters: Int32Array): Map<ClusterId, Uint32Array> {
  const n = spikeClusters.length;
  const out = new Map<ClusterId, Uint32Array>();
  const distinct = [...new Set(spikeClusters)].sort((a, b) => a - b);
  const toRank = new Map<number, number>();
  distinct.forEach((c, r) => toRank.set(c, r));
  const ranks = Uint32Array.from(spikeClusters, (c) => toRank.get(c) as number);
  const nRanks = distinct.length;
  const counts = new Uint32Array(nRanks + 1);
  for (let i = 0; i < n; i++) counts[(ranks[i] as number) + 1]++;
  for (let r = 0; r < nRanks; r++) counts[r + 1] += counts[r] as number;
  const buffer = new Uint32Array(n);
  const cursor = counts.slice(0, nRanks);
  for (let i = 0; i < n; i++) buffer[cursor[ranks[i] as number]++] = i;
  for (let r = 0; r < nRanks; r++) {
    const start = counts[r] as number;
    const end = counts[r + 1] as number;
    if (end > start) out.set(distinct[r] as number, buffer.subarray(start, end));
  }
  return out;
}

export class SpikesPerCluster {
  private readonly byId: Map<ClusterId, Uint32Array>;
  private ids: readonly ClusterId[];

  private constructor(byId: Map<ClusterId, Uint32Array>) {
    this.byId = byId;
    this.ids = Object.freeze([...byId.keys()].sort((a, b) => a - b));
  }

  /** Builds the index of an assignment in O(n_spikes + id range). */
  static build(spikeClusters: Int32Array): SpikesPerCluster {
    return new SpikesPerCluster(countingSort(spikeClusters));
  }

  /** Ids of the non-empty clusters, ascending. A new frozen array after every change. */
  get clusterIds(): readonly ClusterId[] {
    return this.ids;
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: ClusterId): boolean {
    return this.byId.has(id);
  }

  /** Sorted spike indices of a cluster; undefined if the cluster does not exist. */
  get(id: ClusterId): Uint32Array | undefined {
    return this.byId.get(id);
  }

  /**
   * Removes clusters and inserts others (with their sorted spike arrays, taken by reference).
   * O(changed clusters + n_clusters) for the id list; never touches other clusters' spikes.
   */
  replace(
    removed: readonly ClusterId[],
    added: ReadonlyArray<readonly [ClusterId, Uint32Array]>,
  ): void {
    for (const id of removed) this.byId.delete(id);
    for (const [id, spikes] of added) {
      if (spikes.length > 0) this.byId.set(id, spikes);
    }
    const gone = new Set(removed);
    const kept = this.ids.filter((id) => !gone.has(id) || this.byId.has(id));
    const keptSet = new Set(kept);
    const fresh = added.map(([id]) => id).filter((id) => this.byId.has(id) && !keptSet.has(id));
    this.ids = Object.freeze(fresh.length === 0 ? kept : [...kept, ...fresh].sort((a, b) => a - b));
  }
}
