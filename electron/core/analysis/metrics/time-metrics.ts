/**
 * @file The spike-train metrics of one cluster (everything that needs only spike times, amplitudes
 * and positions): SpikeInterface's num_spikes, firing_rate, isi_violation, rp_violation,
 * presence_ratio, amplitude_cutoff and drift, plus Kilosort4's ContamPct/KSLabel recomputed on the
 * cluster's current spikes. Pure CPU; each call costs O(spikes of the cluster).
 */
import { amplitudeCutoff } from '../amplitude-cutoff.js';
import { driftMetrics } from '../drift.js';
import { meanFiringRate } from '../firing-rate.js';
import { ks4Refractory } from '../ks4-refractory.js';
import { presenceRatio } from '../presence-ratio.js';
import { isiViolations, rpViolations, type RecordingSpan } from '../refractory-metrics.js';
import type { FloatArray } from '../time-series.js';
import type { MetricParams } from './metric-params.js';
import { groupSeries, seriesOf, type ClusterSeries } from './cluster-series.js';
import { selectMedian } from './select-median.js';

/** Per-spike inputs shared by every cluster. */
export interface SpikeInputs {
  /** Spike times in samples (all spikes, ascending). */
  times: Float64Array;
  span: RecordingSpan;
  /** amplitudes.npy, or null. */
  amplitudes: FloatArray | null;
  /** y of spike_positions.npy per spike (µm), or null. */
  depths: FloatArray | null;
}

/** Time-domain metric values; NaN where undefined or an input is missing. */
export interface TimeMetrics {
  num_spikes: number;
  firing_rate: number;
  isi_violations_ratio: number;
  isi_violations_count: number;
  rp_contamination: number;
  rp_violations: number;
  presence_ratio: number;
  amplitude_cutoff: number;
  amplitude_median: number;
  drift_ptp: number;
  drift_std: number;
  drift_mad: number;
  /** KS4 ContamPct (100 * Q12), unrounded. */
  ks_contam_pct: number;
  ks_label: 'good' | 'mua';
  /** KS4 Q12 (rate ratio = ContamPct / 100) and R12 (Poisson probability). */
  ks_q12: number;
  ks_r12: number;
}

/** All time-domain metrics of one cluster (its spikes: ascending indices into `inputs`). */
export function computeTimeMetrics(
  inputs: SpikeInputs,
  spikes: Uint32Array,
  params: MetricParams,
): TimeMetrics {
  const grouped = groupSeries(inputs, [spikes]);
  return seriesTimeMetrics(seriesOf(grouped, 0), inputs.span, params);
}

let identity = new Uint32Array(0);

/** 0, 1, ..., n - 1 (a view of a shared, growing table: never mutate). */
function firstIndices(n: number): Uint32Array {
  if (identity.length < n) {
    identity = new Uint32Array(Math.max(n, 2 * identity.length));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity.subarray(0, n);
}

/**
 * All time-domain metrics of one cluster from its own values. Each metric function takes
 * (per-spike array, spike indices); it gets the cluster's arrays with indices 0..n-1, so it reads
 * exactly the values it would gather from the full arrays, from contiguous memory.
 */
export function seriesTimeMetrics(
  series: ClusterSeries,
  span: RecordingSpan,
  params: MetricParams,
): TimeMetrics {
  const { times, amplitudes, depths } = series;
  const n = times.length;
  const spikes = firstIndices(n);
  const isi = isiViolations(times, spikes, span, params.isiThresholdMs, params.minIsiMs);
  const rp = rpViolations(times, spikes, span, params.rpRefractoryMs, params.rpCensoredMs);
  const ks = ks4Refractory(times, spikes, span.sampleRate, {
    acgThreshold: params.ksAcgThreshold,
  });
  const drift = depths
    ? driftMetrics(times, spikes, depths, span, {
        intervalS: params.driftIntervalS,
        minSpikesPerInterval: params.driftMinSpikesPerInterval,
      })
    : { ptp: NaN, std: NaN, mad: NaN };
  // np.median of the float64 copy, by selection (same value as sorting).
  const ampMedian = amplitudes && n > 0 ? selectMedian(Float64Array.from(amplitudes)) : NaN;
  return {
    num_spikes: n,
    firing_rate: meanFiringRate(n, span.totalSamples / span.sampleRate),
    isi_violations_ratio: isi.ratio,
    isi_violations_count: isi.count,
    rp_contamination: rp.contamination,
    rp_violations: rp.violations,
    presence_ratio: presenceRatio(times, spikes, span, { binDurationS: params.presenceBinS }),
    amplitude_cutoff: amplitudes ? amplitudeCutoff(amplitudes, spikes) : NaN,
    amplitude_median: ampMedian,
    drift_ptp: drift.ptp,
    drift_std: drift.std,
    drift_mad: drift.mad,
    ks_contam_pct: ks.contamPct,
    ks_label: ks.label,
    ks_q12: ks.q12,
    ks_r12: ks.r12,
  };
}
