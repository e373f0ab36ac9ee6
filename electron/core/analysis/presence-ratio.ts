/**
 * @file Presence ratio, SpikeInterface `compute_presence_ratios` / `presence_ratio` (single
 * segment, no periods): the fraction of fixed-length bins in which the unit fires.
 *
 * SI's bins are integer sample edges `0, b, 2b, ..., floor(T/b)*b` with `b = int(bin_s * fs)`: the
 * partial bin at the end of the recording is dropped, and a spike exactly on the last edge counts
 * in the last bin (np.histogram's closed last bin).
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import type { RecordingSpan } from './refractory-metrics.js';
import { histogramWithEdges } from './time-series.js';

/** Options, SI defaults. */
export interface PresenceRatioOptions {
  /** Bin duration in seconds (default 60). */
  binDurationS?: number;
  /** A bin counts when its spike count exceeds floor(FR * bin * ratio) (default 0: any spike). */
  meanFrRatioThresh?: number;
}

/** SI's bin edges in samples for one segment: multiples of int(binS*fs) up to the last full bin. */
export function presenceBinEdges(totalSamples: number, binSamples: number): Float64Array {
  const end = Math.floor(totalSamples / binSamples) * binSamples + 1; // np.arange stop, exclusive
  const n = Math.ceil(end / binSamples);
  const edges = new Float64Array(n);
  for (let i = 0; i < n; i++) edges[i] = i * binSamples;
  return edges;
}

/**
 * Presence ratio in [0, 1]. NaN when the recording is shorter than one bin or the cluster is
 * empty; 0 when there are fewer than two edges (SI's guard, unreachable for a single segment).
 */
export function presenceRatio(
  times: Float64Array,
  spikeIndices: Uint32Array,
  span: RecordingSpan,
  opts: PresenceRatioOptions = {},
): number {
  const binDurationS = opts.binDurationS ?? 60;
  const ratioThresh = opts.meanFrRatioThresh ?? 0;
  if (ratioThresh < 0) throw new RangeError('meanFrRatioThresh must be >= 0');
  const binSamples = Math.trunc(binDurationS * span.sampleRate);
  if (span.totalSamples < binSamples) return NaN;
  const n = spikeIndices.length;
  if (n === 0) return NaN;
  const edges = presenceBinEdges(span.totalSamples, binSamples);
  if (edges.length < 2) return 0;
  const totalDurationS = span.totalSamples / span.sampleRate;
  const unitFr = n / totalDurationS;
  const threshold = Math.floor(unitFr * binDurationS * ratioThresh);
  const train = new Float64Array(n);
  for (let k = 0; k < n; k++) train[k] = times[spikeIndices[k] as SpikeIndex] as number;
  const counts = histogramWithEdges(train, edges);
  let present = 0;
  for (const c of counts) if (c > threshold) present++;
  return present / (edges.length - 1);
}
