/**
 * @file Refractory-period violation metrics: SpikeInterface's `isi_violation`
 * (Hill / UMS rate ratio + count), Allen's `isi_viol_corrected` (Llobet et al. 2022 on consecutive
 * ISIs) and SpikeInterface's `rp_violation` (Llobet et al. on all spike pairs).
 *
 * Inputs follow the app's convention: spike times in samples for all spikes, one cluster's spike
 * indices ascending. Each function converts units exactly where its reference does (SI's ISI
 * test compares differences of times in seconds; its pair count works in integer samples), so
 * spikes exactly at the threshold are classified as the reference classifies them.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { roundHalfEven } from './correlograms.js';

/** Recording context shared by the metrics. */
export interface RecordingSpan {
  /** Samples per second. */
  sampleRate: number;
  /** Total samples of the recording (SI `get_total_samples()`, i.e. the duration). */
  totalSamples: number;
}

/** SI `isi_violation` result. */
export interface IsiViolations {
  /** n_v * T / (2 * N^2 * (tau_r - tau_min)); NaN for an empty cluster. Not a fraction. */
  ratio: number;
  /** Consecutive ISIs shorter than tau_r; -1 for an empty cluster (SI's sentinel). */
  count: number;
}

function secondsOf(
  times: Float64Array,
  spikeIndices: Uint32Array,
  sampleRate: number,
): Float64Array {
  const out = new Float64Array(spikeIndices.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = (times[spikeIndices[k] as SpikeIndex] as number) / sampleRate;
  }
  return out;
}

/**
 * SpikeInterface `compute_isi_violations` (defaults isi_threshold_ms 1.5, min_isi_ms 0):
 * violations are consecutive ISIs (differences of times in seconds) `< isi_threshold_s`;
 * ratio = (n_v / (2 N (t_r - t_min))) / (N / T) with T the recording duration.
 */
export function isiViolations(
  times: Float64Array,
  spikeIndices: Uint32Array,
  span: RecordingSpan,
  isiThresholdMs = 1.5,
  minIsiMs = 0,
): IsiViolations {
  const n = spikeIndices.length;
  if (n === 0) return { ratio: NaN, count: -1 };
  const st = secondsOf(times, spikeIndices, span.sampleRate);
  const thresholdS = isiThresholdMs / 1000;
  const minIsiS = minIsiMs / 1000;
  let count = 0;
  for (let k = 1; k < n; k++) if ((st[k] as number) - (st[k - 1] as number) < thresholdS) count++;
  const totalDurationS = span.totalSamples / span.sampleRate;
  const violationTime = 2 * n * (thresholdS - minIsiS);
  const totalRate = n / totalDurationS;
  return { ratio: count / violationTime / totalRate, count };
}

/**
 * Allen `isi_violations_corrected` (Llobet et al. 2022): on unique spike times (seconds),
 * C = 1 - sqrt(1 - n_v * D / (N^2 * (t_r - t_min))) with n_v = #{ISI < t_r} and D = max - min time
 * of the epoch (default the whole recording). NaN when the radicand is negative (> ~50%
 * contamination), as numpy's sqrt gives.
 */
export function isiViolationsCorrected(
  times: Float64Array,
  spikeIndices: Uint32Array,
  span: RecordingSpan,
  isiThresholdS = 0.0015,
  minIsiS = 0,
  epochS: { minS: number; maxS: number } = { minS: 0, maxS: span.totalSamples / span.sampleRate },
): number {
  const st = secondsOf(times, spikeIndices, span.sampleRate).sort();
  let unique = 0;
  let violations = 0;
  for (let k = 0; k < st.length; k++) {
    const t = st[k] as number;
    if (k > 0 && t === st[k - 1]) continue;
    if (unique > 0 && t - (st[k - 1] as number) < isiThresholdS) violations++;
    unique++;
  }
  const duration = epochS.maxS - epochS.minS;
  const radicand = 1 - (violations * duration) / (unique ** 2 * (isiThresholdS - minIsiS));
  return 1 - Math.sqrt(radicand);
}

/** SI `rp_violation` result. */
export interface RpViolations {
  /** Llobet contamination estimate in [0, 1]; NaN for N <= 1, 1 when the radicand is negative. */
  contamination: number;
  /** Spike pairs (not only consecutive) within the refractory period; -1 for an empty cluster. */
  violations: number;
}

/**
 * SpikeInterface `compute_refrac_period_violations` (defaults refractory 1.0 ms, censored 0 ms).
 * t_r, t_c in samples = int(round(ms * fs * 1e-3)). The pair count follows SI's numba kernel:
 * every pair i < j with `t_j - t_i <= t_r` (samples), zero lags included; SI's kernel no longer
 * skips lags below t_c, which only enters the formula:
 * C = 1 - sqrt(1 - n_v (T - 2 N t_c) / (N^2 (t_r - t_c))), T in samples.
 */
export function rpViolations(
  times: Float64Array,
  spikeIndices: Uint32Array,
  span: RecordingSpan,
  refractoryMs = 1.0,
  censoredMs = 0.0,
): RpViolations {
  const n = spikeIndices.length;
  if (n === 0) return { contamination: NaN, violations: -1 };
  const tc = roundHalfEven(censoredMs * span.sampleRate * 1e-3);
  const tr = roundHalfEven(refractoryMs * span.sampleRate * 1e-3);
  let violations = 0;
  for (let i = 0; i < n; i++) {
    const ti = times[spikeIndices[i] as SpikeIndex] as number;
    for (let j = i + 1; j < n; j++) {
      if ((times[spikeIndices[j] as SpikeIndex] as number) - ti > tr) break;
      violations++;
    }
  }
  if (n <= 1) return { contamination: NaN, violations };
  const denom = 1 - (violations * (span.totalSamples - 2 * n * tc)) / (n ** 2 * (tr - tc));
  return { contamination: denom < 0 ? 1 : 1 - Math.sqrt(denom), violations };
}
