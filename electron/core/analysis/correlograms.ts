/**
 * @file Auto- and cross-correlograms with counts identical to phylib's `correlograms()`
 * (`phylib/stats/ccg.py`), plus Phy's baseline and refractory-period guide lines.
 *
 * phylib works on the selected spikes in spike-index order and, for shift = 1, 2, ..., pairs
 * spike i with spike i+shift, bins `diff // binsize` in integer samples, and drops spike i once
 * that bin exceeds the half window. Because the times are sorted this is exactly "for each spike,
 * scan forward until the lag leaves the window". Quirks kept on purpose:
 * - samples are recomputed as `int64((samples / sr) * sr)` like phylib (which receives seconds),
 *   so a sample can drop by one when the float round trip lands just below an integer;
 * - same-cluster pairs in lag bin 0 are zeroed (not only the self-pairs);
 * - bin 0 is symmetrised as max(c[i,j,0], c[j,i,0]), so it depends on the order of equal-time
 *   spikes (we order them by spike index, as phylib receives them).
 *
 * Two kernels give the same counts. The chunked one (the usual case: up to 1024 clusters, a
 * window up to 2^16 samples, int32 samples) never merges whole trains: it cuts the time axis into
 * chunks of about 2048 spikes, sorts each chunk's `(sample - base) << bits | slot` keys with a
 * counting sort that stays in the cache, reorders runs of equal samples by spike index, and scans
 * the chunk with a lag -> bin table, carrying the spikes whose window reaches into the next chunk.
 * The general one sorts `spike index * 2^16 + slot` natively and scans clamped int32 positions.
 * Both live in correlogram-kernels.ts.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import {
  chunkedHalf,
  MAX_CHUNKED_SAMPLE,
  MAX_TABLE_LAG,
  sortedHalf,
} from './correlogram-kernels.js';

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
 * Correlograms of the given clusters from their spike trains (see {@link SpikeTrain}), identical
 * to {@link correlograms} on the same spikes. Equal-time spikes are ordered by spike index, as
 * phylib receives them. Each train's samples must be non-decreasing (checked); at most 65535
 * clusters.
 */
export function correlogramsOfTrains(
  trains: readonly SpikeTrain[],
  opts: CorrelogramOptions,
): Correlograms {
  const geo = correlogramGeometry(opts);
  const { binSamples, nBins, halfBins } = geo;
  const n = trains.length;
  if (n > 0xffff) throw new RangeError('too many clusters for one correlogram');
  const limit = (halfBins + 1) * binSamples; // first lag (samples) whose bin leaves the window
  if (limit > 0x3fffffff) throw new RangeError(`window of ${opts.windowS} s is too long`);
  for (const t of trains)
    if (t.samples.length !== t.spikes.length) throw new RangeError('samples and spikes differ');
  let bits = 0;
  while (1 << bits < n) bits++;
  const chunked =
    bits <= 10 &&
    limit <= Math.min(MAX_TABLE_LAG, 2 ** (27 - bits)) &&
    trains.every(
      ({ samples: x }) =>
        x instanceof Int32Array &&
        (x.length === 0 || (x[x.length - 1] as number) < MAX_CHUNKED_SAMPLE),
    );
  const half = chunked
    ? chunkedHalf(trains, limit, binSamples, bits)
    : sortedHalf(trains, limit, binSamples);
  const H = halfBins + 2;
  // phylib's output: same-cluster bin 0 zeroed, bin 0 as the max of both orders, negative lags
  // mirrored from the transposed pair.
  const at = (i: number, j: number, k: number) => half[(i * H + k) * n + j] as number;
  const counts = new Int32Array(n * n * nBins);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const out = (i * n + j) * nBins;
      for (let k = 1; k <= halfBins; k++) {
        counts[out + halfBins - k] = at(j, i, k);
        counts[out + halfBins + k] = at(i, j, k);
      }
      counts[out + halfBins] = i === j ? 0 : Math.max(at(i, j, 0), at(j, i, 0));
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
