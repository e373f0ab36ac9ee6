/**
 * @file The quick quality summary of a set of spikes, for previews of merges and splits: spike
 * count, firing rate (Phy's `n / max(1, duration)`, as the cluster table), median template
 * amplitude, SpikeInterface ISI violations, Kilosort4's ContamPct/KSLabel, and the Phy ACG.
 * Every number comes from the same functions as the cluster table and metrics table, so a
 * preview equals what those show after the action is really applied.
 */
import { correlogramOf, correlograms } from '../analysis/correlograms.js';
import { ks4Refractory } from '../analysis/ks4-refractory.js';
import { recordingSpan } from '../analysis/metrics/compute-all.js';
import { DEFAULT_METRIC_PARAMS, type MetricParams } from '../analysis/metrics/metric-params.js';
import { isiViolations } from '../analysis/refractory-metrics.js';
import { median } from '../analysis/time-series.js';
import type { Dataset } from '../dataset/dataset.js';
import type { SpikeSetSummary, SummaryDelta } from '../../../shared/contract/view-types.js';

export type { SpikeSetSummary, SummaryDelta };

export interface SummaryOptions {
  /** ISI-violation threshold, KS4 threshold... (defaults: the metrics table's). */
  params?: MetricParams;
  /** ACG bin and window in seconds (defaults 1 ms, 50 ms: Phy's CorrelogramView). */
  acgBinS?: number;
  acgWindowS?: number;
}

/** The summary of `spikes` (ascending spike indices). */
export function summarizeSpikes(
  dataset: Dataset,
  spikes: Uint32Array,
  opts: SummaryOptions = {},
): SpikeSetSummary {
  const params = opts.params ?? DEFAULT_METRIC_PARAMS;
  const times = dataset.spikeTimes;
  const span = recordingSpan(dataset);
  const isi = isiViolations(times, spikes, span, params.isiThresholdMs, params.minIsiMs);
  const ks = ks4Refractory(times, spikes, dataset.sampleRate, {
    acgThreshold: params.ksAcgThreshold,
  });
  const amps = dataset.amplitudes();
  let amplitudeMedian = NaN;
  if (amps && spikes.length > 0)
    amplitudeMedian = median(Float64Array.from(spikes, (s) => amps[s] as number));
  const ccg = correlograms(times, [spikes], {
    sampleRate: dataset.sampleRate,
    binS: opts.acgBinS ?? 1e-3,
    windowS: opts.acgWindowS ?? 0.05,
  });
  return {
    nSpikes: spikes.length,
    fr: spikes.length / Math.max(1, dataset.durationS),
    amplitudeMedian,
    isiViolationsRatio: isi.ratio,
    isiViolationsCount: isi.count,
    contamPct: ks.contamPct,
    ksLabel: ks.label,
    acg: Int32Array.from(correlogramOf(ccg, 0, 0)),
  };
}

export function summaryDelta(after: SpikeSetSummary, before: SpikeSetSummary): SummaryDelta {
  return {
    nSpikes: after.nSpikes - before.nSpikes,
    fr: after.fr - before.fr,
    amplitudeMedian: after.amplitudeMedian - before.amplitudeMedian,
    isiViolationsRatio: after.isiViolationsRatio - before.isiViolationsRatio,
    isiViolationsCount: after.isiViolationsCount - before.isiViolationsCount,
    contamPct: after.contamPct - before.contamPct,
  };
}
