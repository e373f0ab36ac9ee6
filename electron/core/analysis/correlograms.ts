/**
 * @file Auto- and cross-correlograms with counts identical to phylib's `correlograms()`
 * (`phylib/stats/ccg.py`), plus Phy's baseline and refractory-period guide lines.
 *
 * phylib works on a time-sorted train of the selected spikes and, for shift = 1, 2, ..., pairs
 * spike i with spike i+shift, bins `diff // binsize` in integer samples, and drops spike i once
 * that bin exceeds the half window. Because the times are sorted this is exactly "for each spike,
 * scan forward until the lag leaves the window", which is what we do on typed arrays after a
 * merge of the clusters' sorted spike lists (no global sort). Quirks kept on purpose:
 * - samples are recomputed as `int64((samples / sr) * sr)` like phylib (which receives seconds),
 *   so a sample can drop by one when the float round trip lands just below an integer;
 * - same-cluster pairs in lag bin 0 are zeroed (not only the self-pairs);
 * - bin 0 is symmetrised as max(c[i,j,0], c[j,i,0]), so it depends on the order of equal-time
 *   spikes (we order them by spike index, as phylib receives them).
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';

/** Correlogram parameters, in Phy's units. */
export interface CorrelogramOptions {
  /** Samples per second of the spike times. */
  sampleRate: number;
  /** Bin width in seconds (Phy default 1 ms). */
  binS: number;
  /** Full window width in seconds (Phy default 50 ms: lags -25..+25 ms). */
  windowS: number;
}

/** Integer geometry phylib derives from the options. */
export interface CorrelogramGeometry {
  /** `int(sampleRate * binS)`, in samples (>= 1). */
  binSamples: number;
  /** `2 * int(0.5 * windowS / binS) + 1`, odd. */
  nBins: number;
  /** `nBins >> 1`: index of the zero-lag bin. */
  halfBins: number;
}

/** All pairwise correlograms of n clusters, `counts[(i*n + j)*nBins + lag]`. */
export interface Correlograms extends CorrelogramGeometry {
  nClusters: number;
  /** Pair counts; lag index `halfBins + k` is lag k bins of j after i (negative k: j before i). */
  counts: Int32Array;
}

/** phylib's clipping and integer rounding of bin and window. Throws when binSamples < 1. */
export function correlogramGeometry(opts: CorrelogramOptions): CorrelogramGeometry {
  const binS = Math.min(Math.max(opts.binS, 1e-5), 1e5);
  const windowS = Math.min(Math.max(opts.windowS, 1e-5), 1e5);
  const binSamples = Math.trunc(opts.sampleRate * binS);
  if (!(binSamples >= 1)) throw new RangeError(`bin of ${opts.binS} s is below one sample`);
  const nBins = 2 * Math.trunc((0.5 * windowS) / binS) + 1;
  return { binSamples, nBins, halfBins: nBins >> 1 };
}

/** Merged spike train of several clusters: spike indices ascending, with each spike's cluster slot. */
export interface MergedTrain {
  spikes: Uint32Array;
  clusters: Uint16Array;
}

/**
 * Merge ascending spike-index lists into one ascending train (equal indices keep list order).
 * A bucket pass instead of a comparison merge: indices are bucketed by their high bits (about two
 * spikes per bucket), scattered list by list, and each bucket is insertion-sorted. That is three
 * light linear passes, and the total work is bounded by the largest index even for clustered input.
 */
export function mergeSpikeLists(lists: readonly Uint32Array[]): MergedTrain {
  let total = 0;
  let maxIndex = 0;
  for (const l of lists) {
    total += l.length;
    if (l.length > 0) maxIndex = Math.max(maxIndex, l[l.length - 1] as number);
  }
  let shift = 0;
  while (shift < 31 && maxIndex / 2 ** shift > total / 2) shift++;
  const nBuckets = Math.floor(maxIndex / 2 ** shift) + 1;
  const start = new Uint32Array(nBuckets + 1);
  for (const l of lists)
    for (let k = 0; k < l.length; k++) start[((l[k] as number) >>> shift) + 1]++;
  for (let b = 0; b < nBuckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const cursor = start.slice(0, nBuckets);
  const spikes = new Uint32Array(total);
  const clusters = new Uint16Array(total);
  lists.forEach((l, c) => {
    for (let k = 0; k < l.length; k++) {
      const p = cursor[(l[k] as number) >>> shift]++;
      spikes[p] = l[k] as number;
      clusters[p] = c;
    }
  });
  for (let b = 0; b < nBuckets; b++) {
    const lo = start[b] as number;
    const hi = start[b + 1] as number;
    for (let i = lo + 1; i < hi; i++) {
      const v = spikes[i] as number;
      const c = clusters[i] as number;
      let j = i - 1;
      for (; j >= lo && (spikes[j] as number) > v; j--) {
        spikes[j + 1] = spikes[j] as number;
        clusters[j + 1] = clusters[j] as number;
      }
      spikes[j + 1] = v;
      clusters[j + 1] = c;
    }
  }
  return { spikes, clusters };
}

/**
 * The merged train's cluster slots only: what the pair scan needs, since each cluster's own times
 * are read through a per-cluster cursor. Fast path: one Uint32 key per spike, `index << bits |
 * slot`, so the bucket pass moves a single array and ties keep list order; the general
 * {@link mergeSpikeLists} when the keys would not fit in 32 bits.
 */
export function mergedSlots(lists: readonly Uint32Array[]): Uint16Array {
  const n = lists.length;
  let bits = 0;
  while (1 << bits < n) bits++;
  let total = 0;
  let maxIndex = 0;
  for (const l of lists) {
    total += l.length;
    if (l.length > 0) maxIndex = Math.max(maxIndex, l[l.length - 1] as number);
  }
  if (n > 0xffff || maxIndex * 2 ** bits >= 2 ** 32) return mergeSpikeLists(lists).clusters;
  let shift = 0;
  while (shift < 31 && maxIndex / 2 ** shift > total / 2) shift++;
  const nBuckets = Math.floor(maxIndex / 2 ** shift) + 1;
  const start = new Uint32Array(nBuckets + 1);
  for (const l of lists)
    for (let k = 0; k < l.length; k++) start[((l[k] as number) >>> shift) + 1]++;
  for (let b = 0; b < nBuckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const keys = new Uint32Array(total);
  for (let c = 0; c < n; c++) {
    const l = lists[c] as Uint32Array;
    for (let k = 0; k < l.length; k++) {
      const v = l[k] as number;
      keys[start[v >>> shift]++] = ((v << bits) | c) >>> 0;
    }
  }
  // Buckets are consecutive, so one insertion pass over the whole array sorts every bucket.
  for (let i = 1; i < total; i++) {
    const x = keys[i] as number;
    if ((keys[i - 1] as number) <= x) continue;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as number) > x; j--) keys[j + 1] = keys[j] as number;
    keys[j + 1] = x;
  }
  const mask = (1 << bits) - 1;
  const slots = new Uint16Array(total);
  for (let i = 0; i < total; i++) slots[i] = (keys[i] as number) & mask;
  return slots;
}

/**
 * One cluster's spikes for {@link correlogramsOfTrains}: spike indices ascending and the matching
 * times in integer samples as phylib sees them ({@link phylibSamples}). An Int32Array promises
 * samples in [0, 2^31) (any lag fits int32); a Float64Array may hold any integer samples.
 */
export interface SpikeTrain {
  spikes: Uint32Array;
  samples: Int32Array | Float64Array;
}

/**
 * phylib's integer samples of the given spikes, `trunc((t / sr) * sr)` (the seconds round trip),
 * as an Int32Array when they all lie in [0, 2^31), else a Float64Array.
 */
export function phylibSamples(
  times: Float64Array,
  spikes: Uint32Array,
  sampleRate: number,
): Int32Array | Float64Array {
  const out = new Float64Array(spikes.length);
  let fits = true;
  for (let k = 0; k < spikes.length; k++) {
    const s = Math.trunc(((times[spikes[k] as SpikeIndex] as number) / sampleRate) * sampleRate);
    out[k] = s;
    fits = fits && s >= 0 && s < 0x80000000;
  }
  return fits ? Int32Array.from(out) : out;
}

/**
 * Int32 positions of the merged train whose differences equal the sample lags wherever a lag
 * matters (below 2^30), so the scan uses integer arithmetic only. Int32 trains: the samples
 * themselves. Otherwise a gap of 2^30 or more is shortened to `limit` (still out of the window)
 * and the running sum wraps modulo 2^32, which int32 differences undo exactly.
 */
function mergedPositions(trains: readonly SpikeTrain[], slots: Uint16Array, limit: number) {
  const m = slots.length;
  const pos = new Int32Array(m);
  const cursor = new Int32Array(trains.length);
  if (trains.every((t) => t.samples instanceof Int32Array)) {
    const s = trains.map((t) => t.samples as Int32Array);
    let prev = 0;
    let bad = 0;
    for (let i = 0; i < m; i++) {
      const c = slots[i] as number;
      const x = (s[c] as Int32Array)[cursor[c]++] as number;
      bad |= x - prev; // both in [0, 2^31): negative exactly when decreasing
      pos[i] = x;
      prev = x;
    }
    if (bad < 0) throw new RangeError('spike times must be non-decreasing in spike index');
    return pos;
  }
  const s = trains.map((t) => t.samples);
  let prev = m > 0 ? ((s[slots[0] as number] as Float64Array)[0] as number) : 0;
  let p = 0;
  for (let i = 0; i < m; i++) {
    const c = slots[i] as number;
    const x = (s[c] as Float64Array)[cursor[c]++] as number;
    let d = x - prev;
    if (!(d >= 0 && d < 0x40000000)) {
      if (!(d >= 0)) throw new RangeError('spike times must be non-decreasing in spike index');
      d = limit;
    }
    p = (p + d) | 0;
    pos[i] = p;
    prev = x;
  }
  return pos;
}

/**
 * Correlograms of the given clusters from their spike trains (see {@link SpikeTrain}), identical
 * to {@link correlograms} on the same spikes. Equal-time spikes are ordered by spike index, as
 * phylib receives them. At most 65535 clusters.
 */
export function correlogramsOfTrains(
  trains: readonly SpikeTrain[],
  opts: CorrelogramOptions,
): Correlograms {
  const geo = correlogramGeometry(opts);
  const { binSamples, nBins, halfBins } = geo;
  const n = trains.length;
  if (n > 0xffff) throw new RangeError('too many clusters for one correlogram');
  const h = halfBins + 1;
  const limit = h * binSamples; // first lag (samples) whose bin leaves the window
  if (limit > 0x3fffffff) throw new RangeError(`window of ${opts.windowS} s is too long`);
  for (const t of trains)
    if (t.samples.length !== t.spikes.length) throw new RangeError('samples and spikes differ');
  const slots = mergedSlots(trains.map((t) => t.spikes));
  const pos = mergedPositions(trains, slots, limit);
  const m = slots.length;
  // Offsets into the half correlograms c[i][j][0..halfBins] (spike of j at or after that of i),
  // and lag -> bin as a table: no division in the scan.
  const col = new Int32Array(m);
  for (let k = 0; k < m; k++) col[k] = (slots[k] as number) * h;
  const binOf = new Int32Array(limit);
  for (let lag = 0; lag < limit; lag++) binOf[lag] = Math.floor(lag / binSamples);
  const half = new Int32Array(n * n * h);
  for (let a = 0; a < m; a++) {
    const pa = pos[a] as number;
    const row = (col[a] as number) * n;
    for (let b = a + 1; b < m; b++) {
      const lag = ((pos[b] as number) - pa) | 0;
      if (lag >= limit) break;
      half[row + (col[b] as number) + (binOf[lag] as number)]++;
    }
  }
  for (let i = 0; i < n; i++) half[(i * n + i) * h] = 0;
  const counts = new Int32Array(n * n * nBins);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const out = (i * n + j) * nBins;
      const ij = (i * n + j) * h;
      const ji = (j * n + i) * h;
      for (let k = 0; k < halfBins; k++) counts[out + k] = half[ji + halfBins - k] as number;
      counts[out + halfBins] = Math.max(half[ij] as number, half[ji] as number);
      for (let k = 1; k <= halfBins; k++) counts[out + halfBins + k] = half[ij + k] as number;
    }
  }
  return { ...geo, nClusters: n, counts };
}

/**
 * Correlograms of the given clusters, identical to phylib's `correlograms(spike_times[ids],
 * spike_clusters[ids], cluster_ids, sample_rate, bin_size, window_size)` with `ids` = the union of
 * the lists. `times` are spike times in samples for all spikes (ascending, as in spike_times.npy);
 * each list holds one cluster's spike indices ascending. At most 65535 clusters. Views that
 * recompute the same clusters should cache the trains (cluster-times.ts) and call
 * {@link correlogramsOfTrains}.
 */
export function correlograms(
  times: Float64Array,
  spikeIndicesPerCluster: readonly Uint32Array[],
  opts: CorrelogramOptions,
): Correlograms {
  correlogramGeometry(opts); // validate before reading times
  const trains = spikeIndicesPerCluster.map((spikes) => ({
    spikes,
    samples: phylibSamples(times, spikes, opts.sampleRate),
  }));
  return correlogramsOfTrains(trains, opts);
}

/** The correlogram of pair (i, j) as a view of length nBins. */
export function correlogramOf(c: Correlograms, i: number, j: number): Int32Array {
  const at = (i * c.nClusters + j) * c.nBins;
  return c.counts.subarray(at, at + c.nBins);
}

/** Count at (i, j, lag index) with lag index in [0, nBins) (halfBins = zero lag). */
export function correlogramAt(c: Correlograms, i: number, j: number, lagIndex: number): number {
  return c.counts[(i * c.nClusters + j) * c.nBins + lagIndex] as number;
}

/**
 * Phy's baseline line for each pair, in counts per bin: `n_i * n_j * binS / durationS`
 * (phylib `firing_rate`), with n the spike counts actually passed to the correlogram.
 * Returns a flat n*n Float64Array.
 */
export function correlogramBaseline(
  spikeCounts: ArrayLike<number>,
  binS: number,
  durationS: number,
): Float64Array {
  const n = spikeCounts.length;
  const scale = binS / (durationS || 1);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      out[i * n + j] = (spikeCounts[i] as number) * (spikeCounts[j] as number) * scale;
  }
  return out;
}

/** Python's round(): half to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * x positions, in bin units from the left edge of the plot, of Phy's two refractory-period
 * lines: `round((W/2 - rp)/bin)` and `round((W/2 + rp)/bin) + 1` (CorrelogramView._plot_pair).
 */
export function refractoryLines(
  windowS: number,
  binS: number,
  refractoryS = 2e-3,
): [number, number] {
  return [
    roundHalfEven((windowS * 0.5 - refractoryS) / binS),
    roundHalfEven((windowS * 0.5 + refractoryS) / binS) + 1,
  ];
}
