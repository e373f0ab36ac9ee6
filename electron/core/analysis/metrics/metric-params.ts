/**
 * @file Parameters of the metrics pipeline, with SpikeInterface / Kilosort4 defaults, and their
 * canonical JSON (part of every cache key: changing a parameter must never reuse a stale value).
 */

/** Every tunable of `computeAllMetrics`. Times in ms unless the name says otherwise. */
export interface MetricParams {
  /** SI isi_violation: ISIs below this are violations (ms). Default 1.5. */
  isiThresholdMs: number;
  /** SI isi_violation `min_isi_ms`. Default 0. */
  minIsiMs: number;
  /** SI rp_violation refractory period (ms). Default 1.0. */
  rpRefractoryMs: number;
  /** SI rp_violation censored period (ms). Default 0. */
  rpCensoredMs: number;
  /** SI presence_ratio bin (s). Default 60. */
  presenceBinS: number;
  /** SI drift interval (s). Default 60. */
  driftIntervalS: number;
  /** SI drift: intervals with fewer spikes get no median. Default 100. */
  driftMinSpikesPerInterval: number;
  /** Kilosort4 `acg_threshold`. Default 0.2. */
  ksAcgThreshold: number;
  /** PC metrics: spikes sampled per unit (SI `random_spikes` max_spikes_per_unit). Default 500. */
  pcSpikesPerUnit: number;
  /** PC metrics: leading PCs used per channel. Default 3 (KS2/KS4 store 3 or 6). */
  pcComponents: number;
  /** NN metrics: rows kept (SI `max_spikes`). Default 10000. */
  nnMaxSpikes: number;
  /** NN metrics: sklearn n_neighbors (counts the query itself). Default 5. */
  nnNeighbors: number;
  /** Seed of the per-unit spike sampling (combined with the unit's content hash). Default 0. */
  seed: number;
}

export const DEFAULT_METRIC_PARAMS: Readonly<MetricParams> = Object.freeze({
  isiThresholdMs: 1.5,
  minIsiMs: 0,
  rpRefractoryMs: 1.0,
  rpCensoredMs: 0,
  presenceBinS: 60,
  driftIntervalS: 60,
  driftMinSpikesPerInterval: 100,
  ksAcgThreshold: 0.2,
  pcSpikesPerUnit: 500,
  pcComponents: 3,
  nnMaxSpikes: 10000,
  nnNeighbors: 5,
  seed: 0,
});

/** Defaults overridden by `partial`. */
export function resolveParams(partial: Partial<MetricParams> = {}): MetricParams {
  return { ...DEFAULT_METRIC_PARAMS, ...partial };
}

/** Canonical JSON of the parameters (keys sorted), for cache keys. */
export function paramsKey(params: MetricParams): string {
  const entries = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
