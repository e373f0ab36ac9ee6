/**
 * @file Values of feature dimensions (time, or principal component `pc` on probe channel
 * `channel`) for sets of spikes, read from pc_features.npy with ranged row reads.
 *
 * pc_features.npy is stored (n_spikes, n_pcs, n_channels_local); the local columns of a spike are
 * the channels `pc_feature_ind[spike_templates[spike]]`. A spike whose template has no feature on
 * the requested channel gets 0, as Phy's `get_features` fills it.
 */
import type { Dataset, PcFeaturesSource } from '../dataset/dataset.js';
import { ViewUnavailableError } from './errors.js';

export type FeatureDim = { kind: 'time' } | { kind: 'pc'; channel: number; pc: number };

/** Rows per ranged read: bounds memory (rows x n_pcs x n_local floats) on huge clusters. */
export const FEATURE_BLOCK = 65536;

/**
 * Largest gap (in rows) read through rather than skipped: one pread costs about as much as a few
 * KB of sequential reading, so a cluster interleaved with others is read in long runs instead of
 * one system call per spike.
 */
export const ROW_GAP = 16;
/** Longest run read at once, in rows (bounds the temporary buffer). */
const MAX_RUN = 65536;

export type RowData = Float32Array | Float64Array;

/**
 * Rows `rows` (ascending) of a reader, C-ordered in the given order, reading runs of nearby rows
 * (gaps <= maxGap) with one ranged read each.
 */
export function readRowsCoalesced(
  reader: PcFeaturesSource['reader'],
  rows: ArrayLike<number>,
  maxGap = ROW_GAP,
): RowData {
  const size = reader.rowSize;
  let out: RowData | null = null;
  let i = 0;
  while (i < rows.length) {
    const first = rows[i] as number;
    let j = i + 1;
    while (
      j < rows.length &&
      (rows[j] as number) >= (rows[j - 1] as number) &&
      (rows[j] as number) - (rows[j - 1] as number) <= maxGap + 1 &&
      (rows[j] as number) - first < MAX_RUN
    )
      j++;
    const last = rows[j - 1] as number;
    const block = reader.readRows(first, last + 1) as RowData;
    out ??= new (block.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(
      rows.length * size,
    );
    for (let k = i; k < j; k++) {
      const at = ((rows[k] as number) - first) * size;
      out.set(block.subarray(at, at + size), k * size);
    }
    i = j;
  }
  return out ?? (reader.readRowSet([]) as RowData);
}

/**
 * Phy's dimension names: 'time', or `<i><L>` with i the index into `channels` (0 = first chosen
 * channel) and L the PC letter (A = first PC).
 */
export function parseFeatureDim(name: string, channels: readonly number[]): FeatureDim {
  if (name === 'time') return { kind: 'time' };
  const m = /^(\d+)([A-Z])$/.exec(name);
  const channel = m ? channels[Number(m[1])] : undefined;
  if (!m || channel === undefined) throw new RangeError(`unknown feature dimension '${name}'`);
  return { kind: 'pc', channel, pc: (m[2] as string).charCodeAt(0) - 65 };
}

export function pcFeaturesOf(dataset: Dataset, view: string): PcFeaturesSource {
  if (!dataset.pcFeatures) throw new ViewUnavailableError(view, 'no pc_features.npy');
  return dataset.pcFeatures;
}

/** pc_features rows of spikes (-1: no row, when pc_feature_spike_ids lists a subset). */
function rowsOf(src: PcFeaturesSource, spikes: Uint32Array): Int32Array {
  const rows = new Int32Array(spikes.length);
  const ids = src.spikeIds;
  if (!ids) {
    rows.set(spikes);
    return rows;
  }
  for (let k = 0; k < spikes.length; k++) {
    const s = spikes[k] as number;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as number) < s) lo = mid + 1;
      else hi = mid;
    }
    rows[k] = ids[lo] === s ? lo : -1;
  }
  return rows;
}

/**
 * Per-spike columns that `featureValues` looks up, gathered once per spike set: each lookup is
 * random access into an array of every spike (20 M spikes: 80-160 MB), which costs a page walk
 * per spike and dominated the feature view when done once per dimension.
 */
export interface SpikeLookups {
  /** spike_templates of the spikes. */
  templates: Uint32Array | Int32Array;
  /** Spike times in seconds. */
  timesS: Float64Array;
}

/** {@link SpikeLookups} of `spikes` (one pass over each per-spike array). */
export function spikeLookups(dataset: Dataset, spikes: Uint32Array): SpikeLookups {
  const templates = new Int32Array(spikes.length);
  const timesS = new Float64Array(spikes.length);
  const { spikeTemplates, spikeTimes, sampleRate } = dataset;
  for (let k = 0; k < spikes.length; k++)
    templates[k] = spikeTemplates[spikes[k] as number] as number;
  for (let k = 0; k < spikes.length; k++)
    timesS[k] = (spikeTimes[spikes[k] as number] as number) / sampleRate;
  return { templates, timesS };
}

/**
 * Columns of the requested dimensions for `spikes` (ascending), float64 (time in seconds),
 * computed block by block so memory stays bounded for any cluster size. NaN for a pc value of a
 * spike without a feature row. `lookups` (the spikes' templates and times) can be passed when
 * already known; `preloaded` holds the spikes' rows read ahead.
 */
export function featureValues(
  dataset: Dataset,
  spikes: Uint32Array,
  dims: readonly FeatureDim[],
  preloaded?: RowData,
  lookups?: SpikeLookups,
): Float64Array[] {
  const out = dims.map(() => new Float64Array(spikes.length));
  dims.forEach((d, i) => {
    if (d.kind !== 'time') return;
    if (lookups) (out[i] as Float64Array).set(lookups.timesS);
    else {
      const col = out[i] as Float64Array;
      for (let k = 0; k < spikes.length; k++)
        col[k] = (dataset.spikeTimes[spikes[k] as number] as number) / dataset.sampleRate;
    }
  });
  if (!dims.some((d) => d.kind === 'pc')) return out;
  const src = pcFeaturesOf(dataset, 'features');
  const { nPcs, nChannelsLocal: nLocal, channelIndex } = src;
  for (const d of dims) {
    if (d.kind === 'pc' && !(d.pc >= 0 && d.pc < nPcs))
      throw new RangeError(`PC ${d.pc} outside 0..${nPcs - 1}`);
  }
  // Local column of each dimension's channel per template, found once (-2 = not looked up yet).
  const nTemplates = Math.floor(channelIndex.length / nLocal);
  const local = dims.map(() => new Int32Array(nTemplates).fill(-2));
  const localOf = (i: number, t: number, channel: number): number => {
    const cache = local[i] as Int32Array;
    if (t < 0 || t >= nTemplates) return -1;
    if (cache[t] === -2)
      cache[t] = channelIndex.subarray(t * nLocal, (t + 1) * nLocal).indexOf(channel);
    return cache[t] as number;
  };
  const rows = rowsOf(src, spikes);
  const stride = nPcs * nLocal;
  const templates = new Int32Array(Math.min(spikes.length, FEATURE_BLOCK));
  for (let a = 0; a < spikes.length; a += FEATURE_BLOCK) {
    const end = Math.min(spikes.length, a + FEATURE_BLOCK);
    const present: number[] = [];
    for (let k = a; k < end; k++) if ((rows[k] as number) >= 0) present.push(k);
    // Preloaded rows (one per spike, in order) skip the reads: the background set is fixed.
    const data =
      preloaded && present.length === end - a
        ? preloaded.subarray(a * stride, end * stride)
        : readRowsCoalesced(
            src.reader,
            present.map((k) => rows[k] as number),
          );
    const at = new Int32Array(end - a).fill(-1);
    present.forEach((k, p) => (at[k - a] = p));
    // The block's templates, gathered once for all dimensions.
    for (let k = a; k < end; k++)
      templates[k - a] = lookups
        ? (lookups.templates[k] as number)
        : (dataset.spikeTemplates[spikes[k] as number] as number);
    dims.forEach((d, i) => {
      if (d.kind !== 'pc') return;
      const col = out[i] as Float64Array;
      for (let k = a; k < end; k++) {
        const p = at[k - a] as number;
        if (p < 0) {
          col[k] = NaN;
          continue;
        }
        const j = localOf(i, templates[k - a] as number, d.channel);
        col[k] = j < 0 ? 0 : (data[p * stride + d.pc * nLocal + j] as number);
      }
    });
  }
  return out;
}
