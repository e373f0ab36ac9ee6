/**
 * @file Contract entries of quality metrics and suggestions. Part of the one table in contract.ts.
 * Nothing here changes the curation: suggestions are applied only through `curation:label` /
 * `curation:merge`, by an explicit user action.
 */
import * as v from 'valibot';
import { invoke, job } from './define.js';
import {
  BUILTIN_RULE_SET_IDS,
  type LabelSuggestionsResult,
  type MergeScore,
  type MergeSuggestionsResult,
  type MetricsResult,
} from './metrics-types.js';

const clusterId = v.pipe(v.number(), v.integer(), v.minValue(0));
const name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** A user rule set; its deeper checks (finite thresholds...) are parseRuleSet's, in the core. */
const customRuleSet = v.object({
  name,
  description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  rules: v.pipe(
    v.array(
      v.object({
        metric: name,
        op: v.picklist(['<', '<=', '>', '>=']),
        threshold: v.number(),
        onFail: v.picklist(['noise', 'mua']),
      }),
    ),
    v.maxLength(200),
  ),
});

export const metricsOperations = {
  /**
   * Every quality metric of every live cluster (progress per cluster, cancellable). Per-cluster
   * results are cached by content in the session journal, so after a merge or split only the
   * changed clusters (and their PC neighbours) are computed again. `clusters:table` then carries
   * the metrics as columns.
   */
  'metrics:compute': job<MetricsResult>()(
    v.object({ backend: v.optional(v.picklist(['auto', 'cpu', 'gpu'])) }),
  ),
  /**
   * Merge scores of `clusterIds` against `clusterId` (template, CCG dip, amplitude, position).
   * Idle priority: computed after the view payloads; a newer request stops an older one.
   */
  'clusters:mergeScores': invoke<MergeScore[]>()(
    v.object({ clusterId, clusterIds: v.pipe(v.array(clusterId), v.maxLength(500)) }),
    { priority: 'idle' },
  ),
  /** Ranked merge suggestions of the live clustering. */
  'suggest:merges': invoke<MergeSuggestionsResult>()(
    v.object({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
  ),
  /**
   * A suggested group per cluster from a rule set (built-in id or a user's JSON rule set); the
   * suggestion is also shown as the `suggested` column of `clusters:table`.
   */
  'suggest:labels': invoke<LabelSuggestionsResult>()(
    v.object({ ruleSet: v.union([v.picklist(BUILTIN_RULE_SET_IDS), customRuleSet]) }),
  ),
} as const;
