/**
 * @file Payload types of the quality-metric and suggestion operations (metrics-operations.ts),
 * and the names of the metric columns the cluster table can show. Bulk numbers travel as typed
 * arrays, one per metric column, aligned with `ids`.
 */

/** Where the nearest-neighbour searches of the PC metrics run. */
export type MetricsBackend = 'auto' | 'cpu' | 'gpu';

/** Built-in label rule sets: Kilosort4's KSLabel rule, Bombcell-like thresholds, AllenSDK's filter. */
export const BUILTIN_RULE_SET_IDS = ['ks4', 'bombcell', 'allen'] as const;
export type BuiltinRuleSetId = (typeof BUILTIN_RULE_SET_IDS)[number];

/** One threshold of a user-supplied rule set (see docs/metrics.md, "Label rule sets"). */
export interface CustomLabelRule {
  metric: string;
  op: '<' | '<=' | '>' | '>=';
  threshold: number;
  onFail: 'noise' | 'mua';
}

/** A user-supplied rule set (the same JSON `kilocurate suggest --rules FILE` reads). */
export interface CustomRuleSet {
  name: string;
  description?: string;
  rules: CustomLabelRule[];
}

/**
 * Numeric metric columns, in the metrics table's order (SpikeInterface names; units in
 * docs/metrics.md). `ks_label` and `snr_source` are the two text columns besides these.
 */
export const NUMERIC_METRIC_COLUMNS = [
  'ks_contam_pct',
  'num_spikes',
  'firing_rate',
  'presence_ratio',
  'isi_violations_ratio',
  'isi_violations_count',
  'rp_contamination',
  'rp_violations',
  'amplitude_cutoff',
  'amplitude_median',
  'snr',
  'isolation_distance',
  'l_ratio',
  'd_prime',
  'nn_hit_rate',
  'nn_miss_rate',
  'silhouette',
  'drift_ptp',
  'drift_std',
  'drift_mad',
  'ks_q12',
  'ks_r12',
] as const;
export type NumericMetricColumn = (typeof NUMERIC_METRIC_COLUMNS)[number];

/** Cluster-table column of the recomputed Kilosort4 label (text), and of the suggested label. */
export const KS_LABEL_COLUMN = 'ks_label';
export const SUGGESTED_COLUMN = 'suggested';

/** Result of the `metrics:compute` job: the metrics table of the live clusters, column-wise. */
export interface MetricsResult {
  /** Curation revision the clustering had when the computation started. */
  revision: number;
  /** Cluster ids, ascending; every column is aligned with it. */
  ids: Int32Array;
  /** Numbers per column; NaN where a metric is undefined for a cluster. */
  columns: Record<NumericMetricColumn, Float64Array>;
  /** Recomputed Kilosort4 KSLabel per cluster. */
  ksLabel: Array<'good' | 'mua'>;
  /** Where the SNR came from ('template'), null without templates. */
  snrSource: Array<string | null>;
  /** Backend asked for, and where the nearest-neighbour searches ran. */
  backend: { requested: string; nn: 'gpu' | 'cpu' | 'mixed' | 'none' };
  /** Clusters computed vs served from the content-keyed cache, per stage; wall time (ms). */
  stats: {
    clusters: number;
    own: { computed: number; cached: number };
    pc: { computed: number; cached: number; skipped: number };
    elapsedMs: number;
  };
  /** Why some metrics are missing for every cluster. */
  notes: string[];
}

/** A scored merge candidate (score in 0..1; components NaN when their input is missing). */
export interface MergeSuggestionItem {
  a: number;
  b: number;
  score: number;
  components: { template: number; ccg: number; amplitude: number; position: number };
  /** Distance between the median spike positions, µm (NaN when unknown). */
  distanceUm: number;
}

/** Result of `suggest:merges`: allowed pairs, best first. */
export interface MergeSuggestionsResult {
  revision: number;
  suggestions: MergeSuggestionItem[];
  /** Pairs scored, and pairs vetoed (too far apart, or refractory violations in their CCG). */
  candidates: number;
  vetoed: number;
  /** Why no suggestion can be computed (e.g. no similar_templates.npy), else null. */
  unavailable: string | null;
}

/** Merge score of one cluster against the reference of `clusters:mergeScores`. */
export interface MergeScore {
  clusterId: number;
  /** 0..1, NaN when no component is available. */
  score: number;
  /** Why this pair must not be merged, else null. */
  veto: string | null;
}

/** A suggested group for one cluster. */
export interface LabelSuggestion {
  clusterId: number;
  /** The cluster's current group (null: none). */
  current: string | null;
  suggested: 'good' | 'mua' | 'noise';
  /** Failed rules, e.g. "snr >= 5 (else mua)". */
  failed: string[];
  /** Rules not evaluated because the metric is missing or NaN. */
  notEvaluated: string[];
}

/** Result of `suggest:labels`. */
export interface LabelSuggestionsResult {
  revision: number;
  ruleSet: { name: string; description: string; rules: string[] };
  suggestions: LabelSuggestion[];
}
