/**
 * @file Sampled PC-feature rows of clusters, read from pc_features.npy with ranged row-set reads
 * (never the whole file: it is n_spikes × n_pcs × n_channels_local floats, often many GB).
 *
 * Sampling follows SpikeInterface's `random_spikes` extension: at most `maxPerUnit` spikes per unit,
 * uniformly at random without replacement. The generator is seeded from the cluster's content hash,
 * so the same spike list always yields the same sample (and cached metrics stay reproducible).
 */
import type { Random } from '../../../../shared/util/random.js';
import type { Dataset, PcFeaturesSource } from '../../dataset/dataset.js';
import type { StoredPcRows } from '../pc-metrics.js';

/** A deterministic seed from a hex content hash and a user seed. */
export function seedFromHash(contentHash: string, seed: number): number {
  return (Number.parseInt(contentHash.slice(0, 8), 16) ^ seed) >>> 0;
}

/**
 * Up to `max` spikes of an ascending list, uniformly without replacement (Floyd's algorithm:
 * O(max) draws whatever the list length), returned ascending.
 */
export function sampleSpikes(spikes: Uint32Array, max: number, random: Random): Uint32Array {
  const n = spikes.length;
  if (n <= max) return spikes;
  const chosen = new Set<number>();
  for (let j = n - max; j < n; j++) {
    const t = random.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const positions = Int32Array.from(chosen).sort();
  return Uint32Array.from(positions, (p) => spikes[p] as number);
}

/** PC rows of a set of spikes: `data` is m × nPcs × nSlots (as stored), `spikes` the kept spikes. */
export interface PcRows {
  spikes: Uint32Array;
  data: Float32Array | Float64Array;
  nPcs: number;
  nSlots: number;
}

/**
 * Reads the stored PC rows of ascending `spikes`. With pc_feature_spike_ids.npy (features for a
 * subset of spikes) spikes without features are dropped.
 */
export function readPcRows(source: PcFeaturesSource, spikes: Uint32Array): PcRows {
  let kept = spikes;
  let rows: ArrayLike<number> = spikes;
  if (source.spikeIds) {
    const index = rowIndexOf(source.spikeIds);
    const keptList: number[] = [];
    const rowList: number[] = [];
    for (const s of spikes) {
      const r = index.get(s);
      if (r === undefined) continue;
      keptList.push(s);
      rowList.push(r);
    }
    kept = Uint32Array.from(keptList);
    rows = rowList;
  }
  const raw = source.reader.readRowSet(rows);
  const data =
    raw instanceof Float32Array || raw instanceof Float64Array
      ? raw
      : Float64Array.from(raw as ArrayLike<number>);
  return { spikes: kept, data, nPcs: source.nPcs, nSlots: source.nChannelsLocal };
}

const rowIndexCache = new WeakMap<Int32Array, Map<number, number>>();

function rowIndexOf(spikeIds: Int32Array): Map<number, number> {
  let index = rowIndexCache.get(spikeIds);
  if (!index) {
    index = new Map();
    for (let r = 0; r < spikeIds.length; r++) index.set(spikeIds[r] as number, r);
    rowIndexCache.set(spikeIds, index);
  }
  return index;
}

/**
 * Stacks several clusters' PC rows into the layout `unitFeatureMatrix` reads, labelling each row
 * with its cluster and resolving each row's slot channels through its spike's template
 * (Phy: pc_feature_ind[spike_templates[spike]]).
 */
export function stackPcRows(
  dataset: Dataset,
  parts: ReadonlyArray<{ id: number; rows: PcRows }>,
): StoredPcRows {
  const source = dataset.pcFeatures as PcFeaturesSource;
  const rowSize = source.nPcs * source.nChannelsLocal;
  let m = 0;
  for (const p of parts) m += p.rows.spikes.length;
  const data = new Float32Array(m * rowSize);
  const labels = new Int32Array(m);
  const spikes = new Uint32Array(m);
  let at = 0;
  for (const { id, rows } of parts) {
    data.set(rows.data.subarray(0, rows.spikes.length * rowSize), at * rowSize);
    labels.fill(id, at, at + rows.spikes.length);
    spikes.set(rows.spikes, at);
    at += rows.spikes.length;
  }
  const nSlots = source.nChannelsLocal;
  const slots = templateSlots(source);
  return {
    data,
    m,
    nPcs: source.nPcs,
    nSlots,
    labels,
    slotChannels: (row) => slots[dataset.spikeTemplates[spikes[row] as number] as number] ?? [],
  };
}

const slotsCache = new WeakMap<Int32Array, Int32Array[]>();

/** pc_feature_ind's row of each template, as views made once (not one allocation per row). */
function templateSlots(source: PcFeaturesSource): Int32Array[] {
  const ind = source.channelIndex;
  let slots = slotsCache.get(ind);
  if (!slots) {
    const n = source.nChannelsLocal;
    slots = Array.from({ length: Math.floor(ind.length / n) }, (_, t) =>
      ind.subarray(t * n, (t + 1) * n),
    );
    slotsCache.set(ind, slots);
  }
  return slots;
}

/**
 * Reads the PC rows of several clusters' ascending spike lists (disjoint) in one pass over the
 * file in ascending row order (neighbouring rows share reads and the page cache's read-ahead),
 * then splits them: the same rows as `readPcRows` per list.
 */
export function readPcRowsOfMany(
  source: PcFeaturesSource,
  lists: readonly Uint32Array[],
): PcRows[] {
  let total = 0;
  for (const l of lists) total += l.length;
  const owner = new Int32Array(total);
  const merged = new Uint32Array(total);
  let at = 0;
  lists.forEach((l, c) => {
    merged.set(l, at);
    owner.fill(c, at, at + l.length);
    at += l.length;
  });
  const order = Uint32Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => (merged[a] as number) - (merged[b] as number),
  );
  const sorted = Uint32Array.from(order, (i) => merged[i] as number);
  const all = readPcRows(source, sorted);
  const rowSize = all.nPcs * all.nSlots;
  // Spikes without features (pc_feature_spike_ids) were dropped: walk both lists together.
  const keptOwner = new Int32Array(all.spikes.length);
  const counts = new Int32Array(lists.length);
  for (let i = 0, k = 0; i < total && k < all.spikes.length; i++) {
    if (sorted[i] !== all.spikes[k]) continue;
    const c = owner[order[i] as number] as number;
    keptOwner[k++] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  const ctor = all.data.constructor as new (n: number) => Float32Array | Float64Array;
  const out: PcRows[] = lists.map((_, c) => ({
    spikes: new Uint32Array(counts[c] as number),
    data: new ctor((counts[c] as number) * rowSize),
    nPcs: all.nPcs,
    nSlots: all.nSlots,
  }));
  const fill = new Int32Array(lists.length);
  for (let k = 0; k < all.spikes.length; k++) {
    const c = keptOwner[k] as number;
    const j = fill[c] as number;
    fill[c] = j + 1;
    const rows = out[c] as PcRows;
    rows.spikes[j] = all.spikes[k] as number;
    rows.data.set(all.data.subarray(k * rowSize, (k + 1) * rowSize), j * rowSize);
  }
  return out;
}
