/**
 * @file Handlers of the metrics operations (shared/contract/metrics-operations.ts): the metrics
 * job, merge scores and suggestions, label suggestions. The last metrics of a session (and the
 * label suggestions of the last rule set asked for) are remembered per session and added to every
 * cluster table as columns; they are keyed by cluster id, which is safe because a cluster id is
 * never given to other spikes within a session (ids only grow).
 */
import type { JobContext, Handlers } from '../../../shared/contract/define.js';
import type { metricsOperations } from '../../../shared/contract/metrics-operations.js';
import {
  KS_LABEL_COLUMN,
  NUMERIC_METRIC_COLUMNS,
  SUGGESTED_COLUMN,
  type BuiltinRuleSetId,
  type CustomRuleSet,
  type LabelSuggestionsResult,
  type MetricsResult,
} from '../../../shared/contract/metrics-types.js';
import type { ClusterTable } from '../../../shared/contract/types.js';
import { GROUP_FIELD } from '../../../shared/domain/labels.js';
import {
  ALLEN_RULES,
  BOMBCELL_LIKE_RULES,
  describeRule,
  evaluateRules,
  KS4_RULES,
  parseRuleSet,
  type LabelRuleSet,
  type RuleVerdict,
} from '../analysis/label-rules.js';
import { computeAllMetrics } from '../analysis/metrics/compute-all.js';
import { computeMergeSuggestions } from '../analysis/metrics/merge-stage.js';
import { journalCache } from '../analysis/metrics/metrics-cache.js';
import type { MetricsTable } from '../analysis/metrics/metrics-table.js';
import { formatPercentF } from '../dataset/python-format.js';
import type { Backend } from '../gpu/compute.js';
import type { ContractEvents } from './contract-events.js';
import { mergeScoreMemoOf, mergeScores } from './merge-scores.js';
import type { Session } from './session.js';

const RULE_SETS: Record<BuiltinRuleSetId, LabelRuleSet> = {
  ks4: KS4_RULES,
  bombcell: BOMBCELL_LIKE_RULES,
  allen: ALLEN_RULES,
};

/** What a session remembers: its last metrics and the verdicts of the last rule set used. */
interface Memo {
  metrics: MetricsResult | null;
  rowOf: Map<number, number>;
  rules: { set: LabelRuleSet; verdicts: Map<number, RuleVerdict> } | null;
}

/** The metrics table as it crosses the boundary: one typed array per numeric column. */
export function toMetricsResult(table: MetricsTable, revision: number): MetricsResult {
  const n = table.rows.length;
  const columns = {} as MetricsResult['columns'];
  for (const c of NUMERIC_METRIC_COLUMNS) {
    const col = new Float64Array(n);
    table.rows.forEach((row, i) => (col[i] = row[c]));
    columns[c] = col;
  }
  return {
    revision,
    ids: Int32Array.from(table.rows, (r) => r.id),
    columns,
    ksLabel: table.rows.map((r) => r.ks_label),
    snrSource: table.rows.map((r) => r.snr_source),
    backend: table.backend,
    stats: table.stats,
    notes: table.notes,
  };
}

/**
 * Adds the remembered metrics and suggestions to a cluster table, aligned by id (NaN / null for a
 * cluster computed after them). Kilosort's own KSLabel / ContamPct stay as the folder has them;
 * only where they are blank (a cluster made by a merge or split) the recomputed value is shown,
 * ContamPct rounded as Kilosort writes it ('%.1f').
 */
export function attachMetrics(table: ClusterTable, memo: Memo): void {
  const m = memo.metrics;
  const n = table.ids.length;
  if (m) {
    const rows = Array.from(table.ids, (id) => memo.rowOf.get(id) ?? -1);
    for (const c of NUMERIC_METRIC_COLUMNS) {
      const src = m.columns[c];
      table.metrics[c] = Float32Array.from(rows, (r) => (r < 0 ? NaN : (src[r] as number)));
    }
    table.labels[KS_LABEL_COLUMN] = rows.map((r) => (r < 0 ? null : (m.ksLabel[r] ?? null)));
    const ksLabel = table.labels['KSLabel'];
    const contam = table.labels['ContamPct'];
    rows.forEach((r, i) => {
      if (r < 0) return;
      if (ksLabel && ksLabel[i] === null) ksLabel[i] = m.ksLabel[r] ?? null;
      const pct = m.columns.ks_contam_pct[r] as number;
      if (contam && contam[i] === null && Number.isFinite(pct))
        contam[i] = Number(formatPercentF(pct, 1));
    });
  }
  if (memo.rules) {
    const verdicts = memo.rules.verdicts;
    const col = new Array<string | null>(n);
    for (let i = 0; i < n; i++) col[i] = verdicts.get(table.ids[i] as number)?.suggested ?? null;
    table.labels[SUGGESTED_COLUMN] = col;
  }
}

/** The rule set named by a built-in id, or a user's JSON rule set (validated). */
export function resolveRuleSet(choice: BuiltinRuleSetId | CustomRuleSet): LabelRuleSet {
  return typeof choice === 'string' ? RULE_SETS[choice] : parseRuleSet(choice);
}

/** Numeric metrics by cluster id (the input evaluateRules wants). */
function metricsById(m: MetricsResult): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>();
  m.ids.forEach((id, r) => {
    const rec: Record<string, number> = {};
    for (const c of NUMERIC_METRIC_COLUMNS) rec[c] = m.columns[c][r] as number;
    out.set(id, rec);
  });
  return out;
}

/** Whether `m` covers exactly the live clusters of the session (non-empty ones). */
function isCurrent(s: Session, m: MetricsResult | null): m is MetricsResult {
  if (!m) return false;
  const live = s.service.state.clusterIds.filter((id) => s.service.state.spikesOf(id).length > 0);
  const ids = new Set(m.ids);
  return live.length === ids.size && live.every((id) => ids.has(id));
}

/** An AbortSignal that follows the job's cancel signal (checked at every progress report). */
function followCancel(signal: JobContext['signal']): { signal: AbortSignal; poll: () => void } {
  if (signal instanceof AbortSignal) return { signal, poll: () => undefined };
  const controller = new AbortController();
  const poll = () => {
    if (signal.aborted && !controller.signal.aborted) controller.abort();
  };
  poll();
  return { signal: controller.signal, poll };
}

export function createMetricsHandlers(
  need: () => Session,
  _events: ContractEvents,
): Handlers<typeof metricsOperations> {
  const memos = new WeakMap<Session, Memo>();
  const memoOf = (s: Session): Memo => {
    let memo = memos.get(s);
    if (!memo) {
      const created: Memo = { metrics: null, rowOf: new Map(), rules: null };
      memos.set(s, created);
      s.tableExtras = (table) => attachMetrics(table, created);
      memo = created;
    }
    return memo;
  };
  const remember = (memo: Memo, m: MetricsResult) => {
    memo.metrics = m;
    memo.rowOf = new Map(Array.from(m.ids, (id, r) => [id, r]));
    if (memo.rules) memo.rules.verdicts = evaluateRules(metricsById(m), memo.rules.set);
  };
  const compute = async (
    s: Session,
    backend: Backend,
    signal?: AbortSignal,
    progress?: (done: number, total: number, message: string) => void,
  ): Promise<MetricsResult> => {
    const revision = s.service.revision;
    const table = await computeAllMetrics(s.dataset, s.service.state, {
      backend,
      cache: journalCache(s.service.journal),
      ...(signal ? { signal } : {}),
      ...(progress ? { progress: (p) => progress(p.done, p.total, p.phase ?? '') } : {}),
    });
    const result = toMetricsResult(table, revision);
    remember(memoOf(s), result);
    return result;
  };

  return {
    'metrics:compute': async ({ backend }, context) => {
      const s = need();
      const cancel = followCancel(context.signal);
      return compute(s, backend ?? 'auto', cancel.signal, (done, total, message) => {
        context.progress(done, total, message);
        cancel.poll();
      });
    },
    'clusters:mergeScores': ({ clusterId, clusterIds }, context) => {
      const s = need();
      return mergeScores(s, clusterId, clusterIds, mergeScoreMemoOf(s), context?.signal);
    },
    'suggest:merges': async ({ limit }) => {
      const s = need();
      const revision = s.service.revision;
      const result = await computeMergeSuggestions(s.dataset, s.service.state);
      return {
        revision,
        suggestions: result.suggestions
          .slice(0, limit ?? result.suggestions.length)
          .map(({ a, b, score, components, distanceUm }) => ({
            a,
            b,
            score,
            components,
            distanceUm,
          })),
        candidates: result.candidates,
        vetoed: result.vetoed.length,
        unavailable: result.unavailable ?? null,
      };
    },
    'suggest:labels': async ({ ruleSet }): Promise<LabelSuggestionsResult> => {
      const s = need();
      const set = resolveRuleSet(ruleSet);
      const memo = memoOf(s);
      // Metrics of the current clustering: the remembered ones, else computed (mostly cached).
      const m = isCurrent(s, memo.metrics) ? memo.metrics : await compute(s, 'auto');
      const verdicts = evaluateRules(metricsById(m), set);
      memo.rules = { set, verdicts };
      const groups = s.service.state.labels(GROUP_FIELD);
      return {
        revision: s.service.revision,
        ruleSet: {
          name: set.name,
          description: set.description,
          rules: set.rules.map(describeRule),
        },
        suggestions: [...verdicts].map(([clusterId, v]) => {
          const g = groups.get(clusterId)?.value;
          return {
            clusterId,
            current: typeof g === 'string' ? g : null,
            suggested: v.suggested,
            failed: v.failed,
            notEvaluated: v.notEvaluated,
          };
        }),
      };
    },
  };
}
