/**
 * @file Firing rates: the unit's mean rate (SpikeInterface `firing_rate`) and its rate over time
 * in fixed bins (counts divided by bin width, in Hz).
 *
 * Phy's FiringRateView draws a density (counts / (sum * bin width)) rather than Hz; the counts here
 * are the same `np.histogram` counts, so a view can normalise either way.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { histogramWithEdges } from './time-series.js';

/** SI `compute_firing_rates`: N / duration (Hz); NaN for an empty cluster. */
export function meanFiringRate(nSpikes: number, durationS: number): number {
  return nSpikes === 0 ? NaN : nSpikes / durationS;
}

/** Options for {@link firingRateOverTime}. */
export interface FiringRateOptions {
  /** Samples per second of the spike times. */
  sampleRate: number;
  /** Bin width in seconds. */
  binS: number;
  /** Start of the first bin in seconds (default 0). */
  startS?: number;
  /** End of the last bin in seconds (recording duration). */
  endS: number;
}

/** Binned firing rate of one cluster. */
export interface FiringRateSeries {
  /** nBins + 1 edges in seconds: startS + k*binS, the last one clamped to endS. */
  edgesS: Float64Array;
  /** Spikes per bin (`np.histogram` semantics: last bin closed). */
  counts: Uint32Array;
  /** counts / bin width (Hz); a shorter last bin uses its own width. */
  rateHz: Float64Array;
}

/** Firing rate over time of one cluster (`times` in samples, `spikeIndices` the cluster's spikes). */
export function firingRateOverTime(
  times: Float64Array,
  spikeIndices: Uint32Array,
  opts: FiringRateOptions,
): FiringRateSeries {
  const startS = opts.startS ?? 0;
  if (!(opts.binS > 0) || !(opts.endS > startS))
    throw new RangeError('need binS > 0 and endS > startS');
  // Tolerate float noise in (end - start) / bin so an exact multiple does not add a sliver bin.
  const nBins = Math.max(1, Math.ceil((opts.endS - startS) / opts.binS - 1e-9));
  const edgesS = new Float64Array(nBins + 1);
  for (let k = 0; k <= nBins; k++) edgesS[k] = Math.min(startS + k * opts.binS, opts.endS);
  const st = new Float64Array(spikeIndices.length);
  for (let k = 0; k < st.length; k++)
    st[k] = (times[spikeIndices[k] as SpikeIndex] as number) / opts.sampleRate;
  const counts = histogramWithEdges(st, edgesS);
  const rateHz = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) {
    rateHz[k] = (counts[k] as number) / ((edgesS[k + 1] as number) - (edgesS[k] as number));
  }
  return { edgesS, counts, rateHz };
}
