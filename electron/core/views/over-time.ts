/**
 * @file AmplitudeView and depth-over-time payloads: a per-spike value (template amplitude from
 * amplitudes.npy, or depth = y of spike_positions.npy) against time, for up to `nSpikes` evenly
 * spaced spikes per cluster plus a grey background, with a value histogram per cluster; and the
 * lasso helper that tests ALL spikes of a cluster (x = time in s, y = the value).
 *
 * Background (Phy `base.py` AmplitudeView): up to `background` spikes in total, shared fairly over
 * the other clusters whose best channels include the first selected cluster's peak channel. The
 * histogram uses all spikes of each cluster (cheap, the values are in memory), over bins shared
 * by the selection so the clusters can be compared.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import { linspace } from '../analysis/time-series.js';
import type { Dataset } from '../dataset/dataset.js';
import { ViewUnavailableError } from './errors.js';
import { insidePolygon } from './polygon.js';
import { evenlySpaced, evenlySpacedIndices, fairShare } from './sampling.js';
import { viewContext } from './view-context.js';
import type {
  OverTimeAttribute,
  OverTimePayload,
  OverTimePoints,
} from '../../../shared/contract/view-types.js';

export type { OverTimeAttribute, OverTimePayload, OverTimePoints };

export interface OverTimeOptions {
  /** Spikes per cluster (default 10000, Phy's n_spikes_amplitudes). */
  nSpikes?: number;
  /** Background spikes in total (default 10000). */
  background?: number;
  /** Histogram bins (default 100). */
  nBins?: number;
}

/** Where the per-spike value lives: `values[stride * spike + offset]`. */
interface AttributeColumn {
  values: ArrayLike<number>;
  stride: number;
  offset: number;
}

function attributeColumn(dataset: Dataset, attribute: OverTimeAttribute): AttributeColumn {
  if (attribute === 'amplitude') {
    const amps = dataset.amplitudes();
    if (!amps) throw new ViewUnavailableError('amplitudes', 'no amplitudes.npy');
    return { values: amps, stride: 1, offset: 0 };
  }
  const pos = dataset.spikePositions();
  if (!pos) throw new ViewUnavailableError('depth', 'no spike_positions.npy');
  return { values: pos, stride: 2, offset: 1 };
}

/** Accessor of the per-spike value (amplitudes.npy, or the y column of spike_positions.npy). */
export function attributeReader(
  dataset: Dataset,
  attribute: OverTimeAttribute,
): (spike: number) => number {
  const { values, stride, offset } = attributeColumn(dataset, attribute);
  return (s) => values[stride * s + offset] as number;
}

/**
 * The values of `spikes` into `out` (a plain loop: a cluster holds up to millions of spikes and
 * `TypedArray.from` with a mapping function costs several times more per element).
 */
function gather<T extends Float32Array | Float64Array>(
  col: AttributeColumn,
  spikes: Uint32Array,
  out: T,
): T {
  const { values, stride, offset } = col;
  for (let k = 0; k < spikes.length; k++)
    out[k] = values[stride * (spikes[k] as number) + offset] as number;
  return out;
}

/** Spike times in seconds of `spikes`, as the payload holds them. */
function timesOf(dataset: Dataset, spikes: Uint32Array): Float32Array {
  const timeS = new Float32Array(spikes.length);
  const times = dataset.spikeTimes;
  const rate = dataset.sampleRate;
  for (let k = 0; k < spikes.length; k++) timeS[k] = (times[spikes[k] as number] as number) / rate;
  return timeS;
}

/**
 * The evenly spaced points of a cluster whose values (`all`, one per spike of `spikes`) are
 * gathered already: the sample's values are picked from them by the same rule as the spikes
 * (`evenlySpaced`), instead of a second random-access pass over the per-spike array.
 */
function clusterPoints(
  dataset: Dataset,
  spikes: Uint32Array,
  all: Float64Array,
  n: number,
): OverTimePoints {
  const picked = evenlySpaced(spikes, n);
  const at = evenlySpacedIndices(spikes.length, n);
  const values = new Float32Array(picked.length);
  for (let i = 0; i < at.length; i++) values[i] = all[at[i] as number] as number;
  return { spikes: picked, timeS: timesOf(dataset, picked), values };
}

/** The amplitude-over-time or depth-over-time payload for the selected clusters. */
export function valuesOverTime(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  attribute: OverTimeAttribute,
  opts: OverTimeOptions = {},
): OverTimePayload {
  const col = attributeColumn(dataset, attribute);
  const nBins = opts.nBins ?? 100;
  // One gather per cluster, reused for the range and the histogram.
  const gathered = clusterIds.map((id) => {
    const spikes = model.spikesOf(id);
    return gather(col, spikes, new Float64Array(spikes.length));
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of gathered) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) [lo, hi] = Number.isFinite(lo) ? [lo - 0.5, lo + 0.5] : [0, 1];
  const histogramEdges = linspace(lo, hi, nBins + 1);
  const clusters = clusterIds.map((id, i) => ({
    clusterId: id,
    ...clusterPoints(
      dataset,
      model.spikesOf(id),
      gathered[i] as Float64Array,
      opts.nSpikes ?? 10000,
    ),
    histogram: uniformHistogram(gathered[i] as Float64Array, histogramEdges),
  }));
  const bg = overTimeBackground(dataset, model, clusterIds, opts.background ?? 10000);
  return {
    attribute,
    durationS: dataset.durationS,
    clusters,
    background: {
      spikes: bg.spikes,
      timeS: timesOf(dataset, bg.spikes),
      values: gather(col, bg.spikes, new Float32Array(bg.spikes.length)),
      clusters: bg.clusters,
    },
    histogramEdges,
  };
}

/**
 * `np.histogram` counts over uniform `edges` (linspace): the bin index is computed directly, then
 * corrected by one against the actual edges, as NumPy does; the last bin includes its right edge.
 */
export function uniformHistogram(values: Float64Array, edges: Float64Array): Uint32Array {
  const nBins = edges.length - 1;
  const counts = new Uint32Array(nBins);
  const lo = edges[0] as number;
  const hi = edges[nBins] as number;
  const scale = nBins / (hi - lo);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (!(v >= lo && v <= hi)) continue;
    let i = Math.min(nBins - 1, Math.floor((v - lo) * scale));
    if (v < (edges[i] as number)) i--;
    else if (i < nBins - 1 && v >= (edges[i + 1] as number)) i++;
    counts[i]++;
  }
  return counts;
}

/** Amplitude over time (amplitudes.npy). */
export function amplitudesOverTime(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: OverTimeOptions = {},
): OverTimePayload {
  return valuesOverTime(dataset, model, clusterIds, 'amplitude', opts);
}

/** Depth (spike_positions y, µm) over time. */
export function depthOverTime(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  opts: OverTimeOptions = {},
): OverTimePayload {
  return valuesOverTime(dataset, model, clusterIds, 'depth', opts);
}

/**
 * Background spikes (ascending) with their clusters: evenly spaced within each unselected cluster
 * whose best channels include the first selected cluster's peak channel, the budget shared fairly
 * among them. The clusters come from the parts the spikes were taken from (no lookup per spike).
 */
export function overTimeBackground(
  dataset: Dataset,
  model: CurationModel,
  clusterIds: readonly ClusterId[],
  budget: number,
): { spikes: Uint32Array; clusters: Int32Array } {
  const ctx = viewContext(dataset, model);
  const first = clusterIds[0];
  const peak = first === undefined ? null : ctx.peakChannel(first);
  if (peak === null || budget <= 0)
    return { spikes: new Uint32Array(0), clusters: new Int32Array(0) };
  const selected = new Set(clusterIds);
  ctx.allDominantTemplates(); // one linear pass instead of a gather per cluster
  const neighbours = model.clusterIds.filter(
    (id) => !selected.has(id) && ctx.bestChannels(id).includes(peak),
  );
  const shares = fairShare(
    neighbours.map((id) => model.spikeCount(id)),
    budget,
  );
  const parts = neighbours.map((id, k) => evenlySpaced(model.spikesOf(id), shares[k] as number));
  // Sorted by spike with the part's index alongside, packed exactly in one float64 key:
  // spike * m + part, with m a power of two above the part count (spike < 2^32, so the key stays
  // below 2^53 for up to 2^21 parts).
  const m = 2 ** Math.ceil(Math.log2(parts.length + 1));
  const keys = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  parts.forEach((p, k) => {
    for (let i = 0; i < p.length; i++) keys[at++] = (p[i] as number) * m + k;
  });
  keys.sort();
  const spikes = new Uint32Array(keys.length);
  const clusters = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const part = key % m;
    spikes[i] = (key - part) / m;
    clusters[i] = neighbours[part] as number;
  }
  return { spikes, clusters };
}

/**
 * Every spike of `clusterId` whose (time in s, value) lies inside `polygon` (flat [x0, y0, ...]),
 * ascending. Tests all spikes of the cluster, never a display subset (Phy #1133).
 */
export function spikesInPolygonOverTime(
  dataset: Dataset,
  model: CurationModel,
  clusterId: ClusterId,
  attribute: OverTimeAttribute,
  polygon: ArrayLike<number>,
): Uint32Array {
  const value = attributeReader(dataset, attribute);
  const spikes = model.spikesOf(clusterId);
  const xs = Float64Array.from(
    spikes,
    (s) => (dataset.spikeTimes[s] as number) / dataset.sampleRate,
  );
  const ys = Float64Array.from(spikes, value);
  const inside = insidePolygon(xs, ys, polygon);
  return spikes.filter((_, k) => inside[k] === 1);
}
