/**
 * @file Every cluster's own spike times, amplitudes and depths, stored cluster after cluster (each
 * cluster's spikes in ascending order), so that the spike-train metrics of a cluster read one
 * short contiguous run instead of gathering its spikes from the 20-million-entry arrays again for
 * every metric (each such gather misses the cache and the TLB on almost every spike).
 *
 * With the spike → cluster map (CurationModel has it) the copy is one sequential pass over the
 * spikes writing into one cursor per cluster; otherwise each cluster's spikes are gathered once.
 */
import type { FloatArray } from '../time-series.js';
import type { SpikeInputs } from './time-metrics.js';

/** One cluster's own per-spike values, in ascending spike order. */
export interface ClusterSeries {
  /** Spike times in samples. */
  times: Float64Array;
  /** Its spikes' entries of amplitudes.npy (same element type), or null. */
  amplitudes: FloatArray | null;
  /** Its spikes' depths (same element type as the input), or null. */
  depths: FloatArray | null;
}

/** The grouped arrays: cluster c occupies [start[c], start[c] + length[c]) of each. */
export interface GroupedSeries extends ClusterSeries {
  start: Float64Array;
  length: Float64Array;
}

/** Allocates a typed array like `like` (a SharedArrayBuffer-backed one when `shared`). */
function allocLike<T extends Float64Array | Float32Array>(like: T, n: number, shared: boolean): T {
  const ctor = like.constructor as {
    new (n: number): T;
    new (b: SharedArrayBuffer): T;
    BYTES_PER_ELEMENT: number;
  };
  return shared ? new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT)) : new ctor(n);
}

/** Cluster `c` (index into the groups of {@link groupSeries}) of `grouped`, as views. */
export function seriesOf(grouped: GroupedSeries, c: number): ClusterSeries {
  const from = grouped.start[c] as number;
  const to = from + (grouped.length[c] as number);
  return {
    times: grouped.times.subarray(from, to),
    amplitudes: grouped.amplitudes?.subarray(from, to) ?? null,
    depths: grouped.depths?.subarray(from, to) ?? null,
  };
}

/**
 * Groups the per-spike inputs of `clusters` (ascending spike lists, group c = clusters[c]).
 * `spikeClusters` (cluster id per spike) and `ids` (id of each group) enable the sequential pass;
 * it is used only when it reproduces every group's spike count exactly.
 */
export function groupSeries(
  inputs: SpikeInputs,
  clusters: readonly Uint32Array[],
  opts: { ids?: readonly number[]; spikeClusters?: Int32Array; shared?: boolean } = {},
): GroupedSeries {
  const shared = opts.shared ?? false;
  const start = new Float64Array(clusters.length);
  const length = Float64Array.from(clusters, (s) => s.length);
  let total = 0;
  clusters.forEach((s, c) => {
    start[c] = total;
    total += s.length;
  });
  const times = allocLike(inputs.times, total, shared);
  const amplitudes = inputs.amplitudes ? allocLike(inputs.amplitudes, total, shared) : null;
  const depths = inputs.depths ? allocLike(inputs.depths, total, shared) : null;
  const out: GroupedSeries = { start, length, times, amplitudes, depths };
  const cursor = sequentialCursors(clusters, start, opts.ids, opts.spikeClusters, inputs);
  if (cursor) {
    const map = opts.spikeClusters as Int32Array;
    const { row, at } = cursor;
    for (let s = 0; s < map.length; s++) {
      const id = map[s] as number;
      const r = id >= 0 && id < row.length ? (row[id] as number) : -1;
      if (r < 0) continue;
      const p = at[r] as number;
      at[r] = p + 1;
      times[p] = inputs.times[s] as number;
      if (amplitudes) amplitudes[p] = (inputs.amplitudes as FloatArray)[s] as number;
      if (depths) depths[p] = (inputs.depths as FloatArray)[s] as number;
    }
    return out;
  }
  clusters.forEach((spikes, c) => {
    const o = start[c] as number;
    for (let k = 0; k < spikes.length; k++) {
      const s = spikes[k] as number;
      times[o + k] = inputs.times[s] as number;
      if (amplitudes) amplitudes[o + k] = (inputs.amplitudes as FloatArray)[s] as number;
      if (depths) depths[o + k] = (inputs.depths as FloatArray)[s] as number;
    }
  });
  return out;
}

/** Largest cluster id the sequential pass indexes directly. */
const MAX_ID = 1 << 24;

/**
 * Per-id group row and per-group write cursor for the sequential pass, or null when it cannot
 * reproduce the spike lists (no map, ids out of range, or counts that differ from the lists').
 */
function sequentialCursors(
  clusters: readonly Uint32Array[],
  start: Float64Array,
  ids: readonly number[] | undefined,
  spikeClusters: Int32Array | undefined,
  inputs: SpikeInputs,
): { row: Int32Array; at: Float64Array } | null {
  if (!ids || !spikeClusters || ids.length !== clusters.length) return null;
  if (spikeClusters.length !== inputs.times.length) return null;
  let maxId = -1;
  for (const id of ids) {
    if (!(Number.isInteger(id) && id >= 0 && id < MAX_ID)) return null;
    maxId = Math.max(maxId, id);
  }
  const row = new Int32Array(maxId + 1).fill(-1);
  ids.forEach((id, r) => (row[id] = r));
  const counts = new Float64Array(ids.length);
  for (let s = 0; s < spikeClusters.length; s++) {
    const id = spikeClusters[s] as number;
    const r = id >= 0 && id <= maxId ? (row[id] as number) : -1;
    if (r >= 0) counts[r] = (counts[r] as number) + 1;
  }
  for (let r = 0; r < ids.length; r++) {
    if (counts[r] !== (clusters[r] as Uint32Array).length) return null;
  }
  return { row, at: Float64Array.from(start) };
}
