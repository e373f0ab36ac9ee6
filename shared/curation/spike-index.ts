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

/** The largest id the dense layout accepts for `nSpikes` spikes (exclusive). */
export function denseIdLimit(nSpikes: number): number {
  return DENSE_RANGE_FACTOR * nSpikes + 65536;
}

/**
 * First pass of the dense counting sort: `counts[c + 1]` = spikes of id c (`counts[0]` = 0), the
 * table grown as ids appear (ids are small non-negative integers in practice), so its length is
 * at least max id + 2. Null when an id is negative or not below `limit` (see denseIdLimit).
 *
 * Self-contained (no module state, no inner functions): the background reader runs its source
 * text in a worker thread too.
 */
export function countSpikesPerId(spikeClusters: Int32Array, limit: number): Uint32Array | null {
  const n = spikeClusters.length;
  let counts = new Uint32Array(Math.min(limit, 1024) + 1);
  for (let i = 0; i < n; i++) {
    const c = spikeClusters[i] as number;
    if (c + 1 >= counts.length) {
      if (c >= limit) return null;
      const grown = new Uint32Array(Math.min(limit, Math.max(c + 1, counts.length * 2)) + 1);
      grown.set(counts);
      counts = grown;
    } else if (c < 0) {
      return null;
    }
    counts[c + 1]++;
  }
  return counts;
}

/**
 * Second pass: turns `counts` (from countSpikesPerId) IN PLACE into start offsets (`counts[c]` =
 * first position of id c, the last entry = n) and returns the spike indices grouped by id,
 * ascending within each id because spikes are visited in order. Self-contained like the first.
 */
export function groupSpikesById(spikeClusters: Int32Array, counts: Uint32Array): Uint32Array {
  const n = spikeClusters.length;
  const nIds = counts.length - 1;
  for (let r = 0; r < nIds; r++) counts[r + 1] += counts[r] as number;
  const order = new Uint32Array(n);
  const cursor = counts.slice(0, nIds);
  for (let i = 0; i < n; i++) order[cursor[spikeClusters[i] as number]++] = i;
  return order;
}

/** Views of one grouped buffer per non-empty id: no per-cluster allocation at load. */
function viewsOf(order: Uint32Array, starts: Uint32Array): Map<ClusterId, Uint32Array> {
  const out = new Map<ClusterId, Uint32Array>();
  for (let id = 0; id + 1 < starts.length; id++) {
    const start = starts[id] as number;
    const end = starts[id + 1] as number;
    if (end > start) out.set(id, order.subarray(start, end));
  }
  return out;
}

/**
 * Groups spike indices by cluster. Two passes over the spikes in the usual case (count with a
 * growing table, scatter): at 20 M spikes every pass costs ~100 ms, so a min/max pass is saved.
 */
function countingSort(spikeClusters: Int32Array): Map<ClusterId, Uint32Array> {
  if (spikeClusters.length === 0) return new Map();
  const counts = countSpikesPerId(spikeClusters, denseIdLimit(spikeClusters.length));
  if (!counts) return sparseCountingSort(spikeClusters);
  return viewsOf(groupSpikesById(spikeClusters, counts), counts);
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

  /**
   * The index from the output of groupSpikesById (computed elsewhere, e.g. in a worker):
   * `order` grouped spike indices, `starts` the offsets it turned the counts into. O(id range).
   */
  static fromGroups(order: Uint32Array, starts: Uint32Array): SpikesPerCluster {
    if (starts.length === 0 || starts[starts.length - 1] !== order.length) {
      throw new RangeError('spike index: group offsets do not cover the spikes');
    }
    return new SpikesPerCluster(viewsOf(order, starts));
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
