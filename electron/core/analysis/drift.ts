/**
 * @file Drift metrics, SpikeInterface `compute_drift_metrics` (single segment, no periods):
 * per-interval median position of a unit minus its overall median position.
 *
 * Intervals are SI's bins: integer sample edges `0, b, ..., floor(T/b)*b` with
 * `b = int(interval_s * fs)`, spikes assigned half-open by `searchsorted(side='left')`, so the
 * partial interval at the end of the recording is ignored while the reference median uses every
 * spike. Medians of float32 positions follow NumPy's float32 arithmetic.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { presenceBinEdges } from './presence-ratio.js';
import type { RecordingSpan } from './refractory-metrics.js';
import { selectMedian } from './metrics/select-median.js';
import { medianOfSorted, sortedCopy, type FloatArray } from './time-series.js';

/** Options, SI defaults. */
export interface DriftOptions {
  /** Interval length in seconds (default 60). */
  intervalS?: number;
  /** Intervals with fewer spikes get no median (default 100). */
  minSpikesPerInterval?: number;
  /** NaN when more than this fraction of intervals lack a median (default 0.5). */
  minFractionValidIntervals?: number;
  /** NaN when there are fewer intervals than this (default 2). */
  minNumBins?: number;
}

/** Drift of one unit in the positions' unit (µm for spike_positions.npy). NaN when undefined. */
export interface DriftMetrics {
  /** max - min of the interval medians minus the reference. */
  ptp: number;
  /** Population standard deviation (ddof 0) of the valid deviations. */
  std: number;
  /** Median absolute deviation of the valid deviations from their median. */
  mad: number;
  /** Per-interval median minus reference (NaN where the interval has too few spikes). */
  deviations: Float64Array;
}

/**
 * Drift metrics of one unit from a per-spike position (SI `spike_locations[direction]`, e.g. the
 * y column of spike_positions.npy). `times` in samples for all spikes; `spikeIndices` ascending.
 */
export function driftMetrics(
  times: Float64Array,
  spikeIndices: Uint32Array,
  positions: FloatArray,
  span: RecordingSpan,
  opts: DriftOptions = {},
): DriftMetrics {
  const intervalS = opts.intervalS ?? 60;
  const minSpikes = opts.minSpikesPerInterval ?? 100;
  const minFraction = opts.minFractionValidIntervals ?? 0.5;
  const minNumBins = opts.minNumBins ?? 2;
  const f32 = positions instanceof Float32Array;
  const nanResult = (deviations: Float64Array): DriftMetrics => ({
    ptp: NaN,
    std: NaN,
    mad: NaN,
    deviations,
  });
  const binSamples = Math.trunc(intervalS * span.sampleRate);
  const edges = presenceBinEdges(span.totalSamples, binSamples);
  const nIntervals = edges.length - 1;
  if (nIntervals < minNumBins) return nanResult(new Float64Array(0));
  const n = spikeIndices.length;
  const all = new Float64Array(n);
  for (let k = 0; k < n; k++) all[k] = positions[spikeIndices[k] as SpikeIndex] as number;
  // Medians by selection: the same values as sorting (NaN and -0 included), in linear time.
  const reference = selectMedian(all.slice(), f32);
  const deviations = new Float64Array(nIntervals).fill(NaN);
  let k = 0;
  for (let b = 0; b < nIntervals; b++) {
    while (k < n && (times[spikeIndices[k] as SpikeIndex] as number) < (edges[b] as number)) k++;
    const i0 = k;
    while (k < n && (times[spikeIndices[k] as SpikeIndex] as number) < (edges[b + 1] as number))
      k++;
    if (k - i0 >= minSpikes) {
      deviations[b] = selectMedian(all.slice(i0, k), f32) - reference;
    }
  }
  const valid = deviations.filter((d) => !Number.isNaN(d));
  if (nIntervals - valid.length > minFraction * nIntervals) return nanResult(deviations);
  let lo = Infinity;
  let hi = -Infinity;
  let mean = 0;
  for (const d of valid) {
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
    mean += d;
  }
  mean /= valid.length;
  let ss = 0;
  for (const d of valid) ss += (d - mean) * (d - mean);
  const sorted = valid.sort();
  const med = medianOfSorted(sorted);
  const absDev = sortedCopy(sorted.map((d) => Math.abs(d - med)));
  return {
    ptp: hi - lo,
    std: Math.sqrt(ss / valid.length),
    mad: medianOfSorted(absDev),
    deviations,
  };
}
