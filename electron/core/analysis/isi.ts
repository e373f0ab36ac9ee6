/**
 * @file Inter-spike-interval histograms: Phy's ISIView (a density over `linspace` edges) and plain
 * counts over linear or logarithmic bins.
 *
 * Phy computes ISIs as differences of spike times in seconds (samples / sample_rate) and bins them
 * with `np.histogram(isi, bins=np.linspace(x_min, x_max, n_bins))`: n_bins is the number of EDGES,
 * so the default 50 "bins" over 0-50 ms are 49 bins of 50/49 ms. We keep that for fidelity.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { histogramWithEdges, linspace } from './time-series.js';

/** Consecutive ISIs of one cluster in seconds, as Phy computes them (`np.diff(samples / sr)`). */
export function interSpikeIntervals(
  times: Float64Array,
  spikeIndices: Uint32Array,
  sampleRate: number,
): Float64Array {
  const n = spikeIndices.length;
  const out = new Float64Array(Math.max(n - 1, 0));
  let prev = n > 0 ? (times[spikeIndices[0] as SpikeIndex] as number) / sampleRate : 0;
  for (let k = 1; k < n; k++) {
    const t = (times[spikeIndices[k] as SpikeIndex] as number) / sampleRate;
    out[k - 1] = t - prev;
    prev = t;
  }
  return out;
}

/** Phy ISIView parameters (seconds), Phy defaults. */
export interface PhyIsiOptions {
  /** Left edge (default 0). */
  xMinS?: number;
  /** Right edge (default 0.05). */
  xMaxS?: number;
  /** Number of EDGES, clipped to [2, 1e6] (default 50). */
  nBins?: number;
}

/** A histogram: `values[k]` belongs to [edges[k], edges[k+1]). */
export interface IsiHistogram {
  edgesS: Float64Array;
  values: Float64Array;
}

/**
 * Phy's ISI view histogram: counts over `linspace(xMin, xMax, nBins)` divided by
 * `sum(counts) * (edges[1] - edges[0])` (or by 1 when that is 0), i.e. a density in 1/s.
 */
export function isiHistogramPhy(
  times: Float64Array,
  spikeIndices: Uint32Array,
  sampleRate: number,
  opts: PhyIsiOptions = {},
): IsiHistogram {
  const xMin = opts.xMinS ?? 0;
  const xMax = opts.xMaxS ?? 0.05;
  const nEdges = Math.trunc(Math.min(Math.max(opts.nBins ?? 50, 2), 1e6));
  const edgesS = linspace(xMin, xMax, nEdges);
  const counts = histogramWithEdges(interSpikeIntervals(times, spikeIndices, sampleRate), edgesS);
  let total = 0;
  for (const c of counts) total += c;
  const norm = total * ((edgesS[1] as number) - (edgesS[0] as number)) || 1;
  return { edgesS, values: Float64Array.from(counts, (c) => c / norm) };
}

/** Plain ISI count histogram parameters. */
export interface IsiCountOptions {
  /** Left edge in seconds (default 1e-4 for log bins, 0 for linear). */
  minS?: number;
  /** Right edge in seconds (default 10 for log bins, 0.05 for linear). */
  maxS?: number;
  /** Number of bins (default 100). */
  nBins?: number;
  /** Logarithmically spaced edges (default true). */
  log?: boolean;
}

/**
 * ISI counts (not normalised) over nBins bins; log bins have edges
 * `10 ** linspace(log10(min), log10(max), nBins + 1)` (NumPy `logspace`). ISIs outside are dropped;
 * with log bins zero ISIs (duplicate spikes) are therefore never counted.
 */
export function isiHistogramCounts(
  times: Float64Array,
  spikeIndices: Uint32Array,
  sampleRate: number,
  opts: IsiCountOptions = {},
): { edgesS: Float64Array; counts: Uint32Array } {
  const log = opts.log ?? true;
  const minS = opts.minS ?? (log ? 1e-4 : 0);
  const maxS = opts.maxS ?? (log ? 10 : 0.05);
  const nBins = opts.nBins ?? 100;
  if (!(maxS > minS) || (log && !(minS > 0)) || !(nBins >= 1))
    throw new RangeError('invalid ISI bins');
  const edgesS = log
    ? linspace(Math.log10(minS), Math.log10(maxS), nBins + 1).map((e) => 10 ** e)
    : linspace(minS, maxS, nBins + 1);
  if (log) {
    // Keep the requested end points exact despite the power round trip.
    edgesS[0] = minS;
    edgesS[nBins] = maxS;
  }
  return {
    edgesS,
    counts: histogramWithEdges(interSpikeIntervals(times, spikeIndices, sampleRate), edgesS),
  };
}
