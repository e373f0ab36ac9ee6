/**
 * @file The metrics table: one row per cluster, columns named like SpikeInterface's quality-metric
 * columns (plus Kilosort4's recomputed ContamPct/KSLabel first), and its text renderings.
 * ContamPct is rendered with Python's '%.1f' (as Kilosort writes cluster_ContamPct.tsv), so a
 * cluster the user did not touch prints the very string the sorter wrote.
 */
import {
  NUMERIC_METRIC_COLUMNS,
  type NumericMetricColumn,
} from '../../../../shared/contract/metrics-types.js';
import { formatPercentF } from '../../dataset/python-format.js';

export type MetricColumn = NumericMetricColumn | 'ks_label' | 'snr_source';

/**
 * Column order of the table (after `id`): the contract's numeric columns (one list, in
 * shared/contract/metrics-types.ts), with the two text columns placed beside their numbers.
 * Units: see docs/metrics.md.
 */
export const METRIC_COLUMNS: readonly MetricColumn[] = NUMERIC_METRIC_COLUMNS.flatMap(
  (c): MetricColumn[] =>
    c === 'ks_contam_pct' ? [c, 'ks_label'] : c === 'snr' ? [c, 'snr_source'] : [c],
);

/** One cluster's metrics. Numbers are NaN where undefined; `snr_source` null without templates. */
export type MetricsRow = { id: number; ks_label: 'good' | 'mua'; snr_source: string | null } & {
  [K in Exclude<MetricColumn, 'ks_label' | 'snr_source'>]: number;
};

/** Result of `computeAllMetrics`. */
export interface MetricsTable {
  /** 'id' then METRIC_COLUMNS. */
  columns: string[];
  rows: MetricsRow[];
  /** Backend asked for, and where the nearest-neighbour searches actually ran. */
  backend: { requested: string; nn: 'gpu' | 'cpu' | 'mixed' | 'none' };
  /** How many clusters were computed vs served from the cache, per stage; wall time. */
  stats: {
    clusters: number;
    own: { computed: number; cached: number };
    pc: { computed: number; cached: number; skipped: number };
    elapsedMs: number;
  };
  /** Why some metrics are missing for every cluster (e.g. no pc_features.npy). */
  notes: string[];
}

/** Text of one cell: ContamPct as '%.1f', other numbers as shortest round-trip, NaN as 'nan'. */
export function formatMetricCell(column: string, value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (column === 'ks_contam_pct') return formatPercentF(value, 1);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** TSV with a header line, LF line ends. */
export function metricsToTsv(table: MetricsTable): string {
  const lines = [table.columns.join('\t')];
  for (const row of table.rows) {
    const r = row as unknown as Record<string, number | string | null>;
    lines.push(table.columns.map((c) => formatMetricCell(c, r[c] ?? null)).join('\t'));
  }
  return lines.join('\n') + '\n';
}

/**
 * JSON-ready records: NaN/±Infinity become null (JSON has no NaN), ContamPct is the value of its
 * '%.1f' text (the unrounded rate ratio stays available as ks_q12).
 */
export function metricsToJson(table: MetricsTable): Array<Record<string, number | string | null>> {
  return table.rows.map((row) => {
    const r = row as unknown as Record<string, number | string | null>;
    const out: Record<string, number | string | null> = {};
    for (const c of table.columns) {
      const v = r[c] ?? null;
      if (c === 'ks_contam_pct' && typeof v === 'number') out[c] = Number(formatPercentF(v, 1));
      else out[c] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    return out;
  });
}
