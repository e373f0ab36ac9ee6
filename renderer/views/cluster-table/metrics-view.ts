/**
 * @file Pure helpers of the quality-metric and label-suggestion columns of the cluster table:
 * display digits per metric, whether the metrics still describe the table's clusters, the tooltip
 * of a suggestion, and which label actions "accept suggestion" performs.
 */
import {
  KS_LABEL_COLUMN,
  NUMERIC_METRIC_COLUMNS,
  SUGGESTED_COLUMN,
  type LabelSuggestion,
} from '../../../shared/contract/metrics-types.js';

/** Digits after the decimal point of a metric column (counts 0, Kilosort's ContamPct 1). */
const DIGITS: Readonly<Record<string, number>> = {
  ks_contam_pct: 1,
  num_spikes: 0,
  isi_violations_count: 0,
  rp_violations: 0,
  firing_rate: 2,
  amplitude_median: 1,
  isolation_distance: 1,
  drift_ptp: 1,
  drift_std: 1,
  drift_mad: 1,
};

/** Display digits of a metric column (3 unless listed above). */
export function metricDigits(key: string): number {
  return DIGITS[key] ?? 3;
}

const METRIC_KEYS: ReadonlySet<string> = new Set([
  ...NUMERIC_METRIC_COLUMNS,
  KS_LABEL_COLUMN,
  SUGGESTED_COLUMN,
]);

/** Whether a column is computed by the metrics job (or the label suggestions). */
export function isMetricColumn(key: string): boolean {
  return METRIC_KEYS.has(key);
}

/** Whether the user shows any metric column (then metrics are computed without being asked). */
export function wantsMetrics(visible: readonly string[]): boolean {
  return visible.some((k) => METRIC_KEYS.has(k));
}

/** Whether two id lists hold different sets of clusters (metrics are then out of date). */
export function idsDiffer(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const set = new Set(Array.from(a));
  const other = new Set(Array.from(b));
  if (set.size !== other.size) return true;
  for (const id of other) if (!set.has(id)) return true;
  return false;
}

/** Tooltip of a suggested label: the rule set, and the rules that failed or were not evaluated. */
export function suggestionTitle(s: LabelSuggestion | undefined, ruleSet: string): string {
  if (!s) return '';
  const lines = [`${s.suggested} (${ruleSet})`];
  if (s.failed.length > 0) lines.push(`failed: ${s.failed.join('; ')}`);
  else lines.push('every evaluated rule passes');
  if (s.notEvaluated.length > 0) lines.push(`not evaluated: ${s.notEvaluated.join('; ')}`);
  return lines.join('\n');
}

/** One label action of "accept suggestion". */
export interface AcceptStep {
  group: 'good' | 'mua' | 'noise';
  ids: number[];
}

/**
 * The label actions that give `ids` their suggested group: one per group (good, mua, noise
 * order), ids ascending; clusters without a suggestion or already in that group are left out.
 */
export function acceptPlan(
  suggestions: ReadonlyMap<number, LabelSuggestion>,
  ids: readonly number[],
  groupOf: (id: number) => string | null,
): AcceptStep[] {
  const steps: AcceptStep[] = (['good', 'mua', 'noise'] as const).map((group) => ({
    group,
    ids: [],
  }));
  for (const id of new Set(ids)) {
    const s = suggestions.get(id);
    if (!s || groupOf(id) === s.suggested) continue;
    steps.find((st) => st.group === s.suggested)!.ids.push(id);
  }
  for (const st of steps) st.ids.sort((x, y) => x - y);
  return steps.filter((st) => st.ids.length > 0);
}
