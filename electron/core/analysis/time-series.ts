/**
 * @file Binning and order statistics with NumPy's exact semantics, and binned summaries of a
 * per-spike value over time (amplitude over time, depth over time).
 *
 * The metric modules reproduce Phy / SpikeInterface numbers, and those are defined by
 * `np.linspace`, `np.histogram`, `np.median` and `np.quantile`. Bin edges in particular decide
 * which bin a value on an edge falls into, so these helpers follow NumPy operation for operation
 * (including float32 arithmetic when NumPy would use it) instead of "mathematically equal" code.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';

/** Typed arrays accepted for per-spike values; Float32Array switches NumPy's float32 arithmetic on. */
export type FloatArray = Float32Array | Float64Array;

const identity = (x: number): number => x;

/** The rounding NumPy applies after each operation for this array's dtype. */
function dtypeRound(values: ArrayLike<number>): (x: number) => number {
  return values instanceof Float32Array ? Math.fround : identity;
}

/**
 * `np.linspace(start, stop, num)` (endpoint included): `i*step + start`, last value = `stop`.
 * With `float32` true it mirrors NumPy's evaluation when start/stop are float32 scalars.
 */
export function linspace(start: number, stop: number, num: number, float32 = false): Float64Array {
  const r = float32 ? Math.fround : identity;
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = r(stop - start);
  const step = r(delta / div);
  for (let i = 0; i < num; i++) {
    // NumPy divides first when the step underflows to 0 (gh-5437), and multiplies by delta when
    // there is no step (num = 1).
    const y = div <= 0 ? r(i * delta) : step === 0 ? r(r(i / div) * delta) : r(i * step);
    out[i] = r(y + start);
  }
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * `np.histogram(values, bins=edges)` with explicit, increasing edges: bin i counts
 * `edges[i] <= x < edges[i+1]`, the last bin also includes its right edge; values outside the
 * edges and NaN are ignored.
 */
export function histogramWithEdges(values: ArrayLike<number>, edges: Float64Array): Uint32Array {
  const nBins = edges.length - 1;
  const counts = new Uint32Array(Math.max(nBins, 0));
  if (nBins < 1) return counts;
  const first = edges[0] as number;
  const last = edges[nBins] as number;
  for (let k = 0; k < values.length; k++) {
    const x = values[k] as number;
    if (!(x >= first && x <= last)) continue;
    if (x === last) {
      counts[nBins - 1]++;
      continue;
    }
    // Largest i with edges[i] <= x (binary search: edges are sorted).
    let lo = 0;
    let hi = nBins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((edges[mid] as number) <= x) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

/** Counts and edges of a uniform-bin histogram. */
export interface UniformHistogram {
  counts: Uint32Array;
  /** nBins + 1 edges, in the values' unit. */
  edges: Float64Array;
}

/**
 * `np.histogram(values, nBins)`: range = [min, max] (widened by ±0.5 when equal), NumPy's fast
 * uniform-bin index formula followed by its ±1 edge corrections. Float32 input is computed in
 * float32 as NumPy does (it keeps the array's dtype for the edges and the index arithmetic).
 */
export function histogramUniform(values: FloatArray, nBins: number): UniformHistogram {
  const r = dtypeRound(values);
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const x = values[k] as number;
    if (x < first) first = x;
    if (x > last) last = x;
  }
  if (values.length === 0) {
    first = 0;
    last = 1;
  } else if (first === last) {
    first = r(first - 0.5);
    last = r(last + 0.5);
  }
  const edges = linspace(first, last, nBins + 1, r !== identity);
  const counts = new Uint32Array(nBins);
  const denom = r(last - first);
  for (let k = 0; k < values.length; k++) {
    const x = values[k] as number;
    if (!(x >= first && x <= last)) continue;
    let i = Math.trunc(r(r(r(x - first) / denom) * nBins));
    if (i === nBins) i -= 1;
    if (x < (edges[i] as number)) i -= 1;
    else if (x >= (edges[i + 1] as number) && i !== nBins - 1) i += 1;
    counts[i]++;
  }
  return { counts, edges };
}

/** Ascending copy as float64 (exact for float32 input). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * `np.median`: the middle value, or the mean of the two middle values computed in the input's
 * dtype (float32 input sums in float32). NaN for an empty input.
 */
export function median(values: FloatArray): number {
  return medianOfSorted(sortedCopy(values), values instanceof Float32Array);
}

/** Median of an ascending array; `float32` rounds the two-middle-value sum like NumPy's float32 mean. */
export function medianOfSorted(sorted: ArrayLike<number>, float32 = false): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  if (n % 2 === 1) return sorted[h] as number;
  const sum = (sorted[h - 1] as number) + (sorted[h] as number);
  return (float32 ? Math.fround(sum) : sum) / 2;
}

/**
 * `np.quantile(x, q)` with the default 'linear' method on an ascending array: virtual index
 * `(n-1)*q`, NumPy's two-sided lerp (from the upper value when the fraction is >= 0.5), in float32
 * when `float32` (NumPy keeps a float32 input's dtype). `q` in [0, 1]. NaN for an empty input.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number, float32 = false): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const r = float32 ? Math.fround : identity;
  const virtual = (n - 1) * q;
  const lo = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = r(virtual - Math.floor(virtual));
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const diff = r(b - a);
  return t >= 0.5 ? r(b - r(diff * r(1 - t))) : r(a + r(diff * t));
}

/** Options for {@link binnedSummaryOverTime}. */
export interface TimeSummaryOptions {
  /** Samples per second of `times`. */
  sampleRate: number;
  /** Bin width in seconds. */
  binS: number;
  /** Recording duration in seconds (bins cover [0, durationS)); default: up to the last spike. */
  durationS?: number;
  /** Quantiles in [0, 1] to report per bin besides the median; default [0.05, 0.25, 0.75, 0.95]. */
  quantiles?: readonly number[];
}

/** Per-bin summary of a per-spike value; empty bins hold NaN. */
export interface TimeSummary {
  /** Bin start times in seconds (bin k covers [k*binS, (k+1)*binS)). */
  binStartsS: Float64Array;
  /** Spikes per bin. */
  counts: Uint32Array;
  median: Float64Array;
  /** `quantileValues[q][bin]`, in the order of `quantiles`. */
  quantiles: readonly number[];
  quantileValues: Float64Array[];
}

/**
 * Binned median and quantiles over time of a per-spike value (template amplitude, depth, ...)
 * for one cluster. `times` are spike times in samples for all spikes; `spikeIndices` the
 * cluster's spikes. NaN values are skipped. Spikes at or after `durationS` are dropped.
 */
export function binnedSummaryOverTime(
  times: Float64Array,
  spikeIndices: Uint32Array,
  values: FloatArray,
  opts: TimeSummaryOptions,
): TimeSummary {
  const { sampleRate, binS } = opts;
  if (!(binS > 0) || !(sampleRate > 0)) throw new RangeError('binS and sampleRate must be > 0');
  const quantiles = opts.quantiles ?? [0.05, 0.25, 0.75, 0.95];
  const n = spikeIndices.length;
  const lastS = n > 0 ? (times[spikeIndices[n - 1] as SpikeIndex] as number) / sampleRate : 0;
  const durationS = opts.durationS ?? Infinity;
  const nBins =
    opts.durationS !== undefined
      ? Math.max(Math.ceil(opts.durationS / binS), 0)
      : n > 0
        ? Math.floor(lastS / binS) + 1
        : 0;
  const binOf = new Int32Array(n);
  const counts = new Uint32Array(nBins);
  for (let k = 0; k < n; k++) {
    const s = spikeIndices[k] as SpikeIndex;
    const tS = (times[s] as number) / sampleRate;
    const b = Math.floor(tS / binS);
    const ok = b >= 0 && b < nBins && tS < durationS && !Number.isNaN(values[s] as number);
    binOf[k] = ok ? b : -1;
    if (ok) counts[b]++;
  }
  // Bucket values per bin (counting sort), then sort each bucket once.
  const offsets = new Uint32Array(nBins + 1);
  for (let b = 0; b < nBins; b++) offsets[b + 1] = (offsets[b] as number) + (counts[b] as number);
  const cursor = offsets.slice(0, nBins);
  const bucket = new Float64Array(offsets[nBins] as number);
  for (let k = 0; k < n; k++) {
    const b = binOf[k] as number;
    if (b >= 0) bucket[cursor[b]++] = values[spikeIndices[k] as SpikeIndex] as number;
  }
  const f32 = values instanceof Float32Array;
  const med = new Float64Array(nBins);
  const qv = quantiles.map(() => new Float64Array(nBins));
  const binStartsS = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) {
    binStartsS[b] = b * binS;
    const part = bucket.subarray(offsets[b], offsets[b + 1]).sort();
    med[b] = medianOfSorted(part, f32);
    quantiles.forEach((q, qi) => ((qv[qi] as Float64Array)[b] = quantileOfSorted(part, q, f32)));
  }
  return { binStartsS, counts, median: med, quantiles, quantileValues: qv };
}
