/**
 * @file The sampled PC-feature rows of all clusters in one store (optionally in
 * SharedArrayBuffers), so that each unit's PC task can carry just which clusters it needs (the
 * store is shared, not copied) and the thread that computes the unit stacks its rows itself.
 * Stacking from the store gives exactly `stackPcRows`'s rows, labels and slot channels.
 */
import type { Dataset, PcFeaturesSource } from '../../dataset/dataset.js';
import type { StoredPcRows } from '../pc-metrics.js';
import type { PcRows } from './feature-rows.js';

/** Every stored cluster's rows back to back: cluster id → [first row, row count]. */
export interface PcStore {
  /** Rows as stored (nPcs × nSlots per row), float32 as `stackPcRows` keeps them. */
  data: Float32Array;
  /** Each row's slot channels (pc_feature_ind of its spike's template; -1: none). */
  slots: Int32Array;
  nPcs: number;
  nSlots: number;
  where: Map<number, readonly [number, number]>;
}

/** What one unit's task needs: the store's arrays and (id, first row, count) per cluster. */
export interface PcStoreSlice {
  data: Float32Array;
  slots: Int32Array;
  nPcs: number;
  nSlots: number;
  /** Triples (cluster id, first row, row count), in stacking order. */
  parts: Int32Array;
}

/** Builds the store from each cluster's rows (`shared`: in SharedArrayBuffers). */
export function buildPcStore(
  dataset: Dataset,
  rowsById: ReadonlyMap<number, PcRows>,
  shared: boolean,
): PcStore {
  const source = dataset.pcFeatures as PcFeaturesSource;
  const nPcs = source.nPcs;
  const nSlots = source.nChannelsLocal;
  const rowSize = nPcs * nSlots;
  let m = 0;
  for (const rows of rowsById.values()) m += rows.spikes.length;
  const data = shared
    ? new Float32Array(new SharedArrayBuffer(m * rowSize * 4))
    : new Float32Array(m * rowSize);
  const slots = shared
    ? new Int32Array(new SharedArrayBuffer(m * nSlots * 4))
    : new Int32Array(m * nSlots);
  slots.fill(-1);
  const ind = source.channelIndex;
  const nTemplates = Math.floor(ind.length / nSlots);
  const where = new Map<number, readonly [number, number]>();
  let at = 0;
  for (const [id, rows] of rowsById) {
    const n = rows.spikes.length;
    where.set(id, [at, n]);
    data.set(rows.data.subarray(0, n * rowSize), at * rowSize);
    for (let k = 0; k < n; k++) {
      const t = dataset.spikeTemplates[rows.spikes[k] as number] as number;
      if (t >= 0 && t < nTemplates) {
        slots.set(ind.subarray(t * nSlots, (t + 1) * nSlots), (at + k) * nSlots);
      }
    }
    at += n;
  }
  return { data, slots, nPcs, nSlots, where };
}

/** The slice of `store` for clusters `ids` (stacked in that order). */
export function sliceOf(store: PcStore, ids: readonly number[]): PcStoreSlice {
  const parts = new Int32Array(3 * ids.length);
  ids.forEach((id, k) => {
    const [first, count] = store.where.get(id) ?? [0, 0];
    parts.set([id, first, count], 3 * k);
  });
  const { data, slots, nPcs, nSlots } = store;
  return { data, slots, nPcs, nSlots, parts };
}

/** Stacks a slice's clusters, labelling each row with its cluster (as `stackPcRows`). */
export function stackSlice(s: PcStoreSlice): StoredPcRows {
  const { nPcs, nSlots, parts } = s;
  const rowSize = nPcs * nSlots;
  let m = 0;
  for (let k = 2; k < parts.length; k += 3) m += parts[k] as number;
  const data = new Float32Array(m * rowSize);
  const labels = new Int32Array(m);
  const slots = new Int32Array(m * nSlots);
  let at = 0;
  for (let k = 0; k < parts.length; k += 3) {
    const id = parts[k] as number;
    const first = parts[k + 1] as number;
    const count = parts[k + 2] as number;
    data.set(s.data.subarray(first * rowSize, (first + count) * rowSize), at * rowSize);
    slots.set(s.slots.subarray(first * nSlots, (first + count) * nSlots), at * nSlots);
    labels.fill(id, at, at + count);
    at += count;
  }
  return {
    data,
    m,
    nPcs,
    nSlots,
    labels,
    slotChannels: (row) => slots.subarray(row * nSlots, (row + 1) * nSlots),
  };
}
