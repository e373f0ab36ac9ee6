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
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = spikeClusters[i] as number;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  const range = max - min + 1;
  // Phy-format ids are dense in practice; a pathological sparse id set (e.g. one id near 2^31)
  // falls back to ranking the distinct ids so memory stays proportional to the spike count.
  const dense = range <= DENSE_RANGE_FACTOR * n + 65536;
  let ranks: Int32Array | Uint32Array;
  let idOfRank: (r: number) => ClusterId;
  let nRanks: number;
  if (dense) {
    ranks = new Int32Array(0);
    nRanks = range;
    idOfRank = (r) => r + min;
  } else {
    const distinct = [...new Set(spikeClusters)].sort((a, b) => a - b);
    const toRank = new Map<number, number>();
    distinct.forEach((c, r) => toRank.set(c, r));
    ranks = Uint32Array.from(spikeClusters, (c) => toRank.get(c) as number);
    nRanks = distinct.length;
    idOfRank = (r) => distinct[r] as number;
  }
  // rank(i) inlined in both loops: these run over every spike at load.
  const counts = new Uint32Array(nRanks + 1);
  if (dense) for (let i = 0; i < n; i++) counts[(spikeClusters[i] as number) - min + 1]++;
  else for (let i = 0; i < n; i++) counts[(ranks[i] as number) + 1]++;
  for (let r = 0; r < nRanks; r++) counts[r + 1] += counts[r] as number;
  const buffer = new Uint32Array(n);
  const cursor = counts.slice(0, nRanks);
  if (dense) for (let i = 0; i < n; i++) buffer[cursor[(spikeClusters[i] as number) - min]++] = i;
  else for (let i = 0; i < n; i++) buffer[cursor[ranks[i] as number]++] = i;
  for (let r = 0; r < nRanks; r++) {
    const start = counts[r] as number;
    const end = counts[r + 1] as number;
    // One shared buffer with views: no per-cluster allocation at load.
    if (end > start) out.set(idOfRank(r), buffer.subarray(start, end));
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
