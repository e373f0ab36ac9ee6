/**
 * @file Threshold rule sets that suggest a curation group per cluster, as JSON-able data.
 *
 * Semantics follow Bombcell's `get_quality_unit_type`: a cluster is 'noise' if any noise rule fails,
 * else 'mua' if any mua rule fails, else 'good'. A rule whose metric is missing or NaN is not
 * evaluated and is reported as such (it neither passes nor fails). Metric names are SpikeInterface
 * column names; KS4's ACG statistics keep Kilosort's own naming (as ks4-refractory.ts does):
 * `ks_q12` = the refractory rate ratio (ContamPct / 100), `ks_r12` = its Poisson probability.
 */

import type { ClusterId } from '../../../shared/domain/ids.js';

export type Comparison = '<' | '<=' | '>' | '>=';
const COMPARISONS: readonly Comparison[] = ['<', '<=', '>', '>='];

/** One requirement: the cluster passes when `metric op threshold`; otherwise it gets `onFail`. */
export interface LabelRule {
  metric: string;
  op: Comparison;
  threshold: number;
  onFail: 'noise' | 'mua';
}

export interface LabelRuleSet {
  name: string;
  description: string;
  rules: LabelRule[];
}

export interface RuleVerdict {
  suggested: 'good' | 'mua' | 'noise';
  /** Descriptions of the failed rules, e.g. "snr >= 5 (else mua)". */
  failed: string[];
  /** Descriptions of the rules skipped because their metric is missing or NaN. */
  notEvaluated: string[];
}

/** Kilosort4's KSLabel rule: good iff Q12 < acg_threshold (0.2) and R12 < 0.2; <= 10 spikes -> mua. */
export const KS4_RULES: LabelRuleSet = {
  name: 'kilosort4',
  description:
    'Kilosort4 KSLabel: ACG refractory ratio R12 < 0.2 and Q12 < 0.2, more than 10 spikes',
  rules: [
    { metric: 'num_spikes', op: '>', threshold: 10, onFail: 'mua' },
    { metric: 'ks_q12', op: '<', threshold: 0.2, onFail: 'mua' },
    { metric: 'ks_r12', op: '<', threshold: 0.2, onFail: 'mua' },
  ],
};

/**
 * Bombcell's MUA criteria restricted to metrics we compute (its noise rules need waveform-shape
 * metrics we do not have). Like SI's port: amplitude_cutoff replaces Bombcell's Gaussian-fit
 * percentage missing and rp_contamination (Llobet) replaces Hill's RPV fraction.
 */
export const BOMBCELL_LIKE_RULES: LabelRuleSet = {
  name: 'bombcell-like',
  description: 'Bombcell default MUA thresholds on the metrics available here',
  rules: [
    { metric: 'num_spikes', op: '>=', threshold: 300, onFail: 'mua' },
    { metric: 'amplitude_cutoff', op: '<=', threshold: 0.2, onFail: 'mua' },
    { metric: 'rp_contamination', op: '<=', threshold: 0.1, onFail: 'mua' },
    { metric: 'presence_ratio', op: '>=', threshold: 0.7, onFail: 'mua' },
    { metric: 'snr', op: '>=', threshold: 5, onFail: 'mua' },
    { metric: 'isolation_distance', op: '>=', threshold: 20, onFail: 'mua' },
    { metric: 'l_ratio', op: '<=', threshold: 0.3, onFail: 'mua' },
  ],
};

/** AllenSDK's documented default filter. */
export const ALLEN_RULES: LabelRuleSet = {
  name: 'allen',
  description: 'AllenSDK: isi_violations < 0.5, amplitude_cutoff < 0.1, presence_ratio > 0.9',
  rules: [
    { metric: 'isi_violations_ratio', op: '<', threshold: 0.5, onFail: 'mua' },
    { metric: 'amplitude_cutoff', op: '<', threshold: 0.1, onFail: 'mua' },
    { metric: 'presence_ratio', op: '>', threshold: 0.9, onFail: 'mua' },
  ],
};

export const BUILTIN_RULE_SETS: readonly LabelRuleSet[] = [
  KS4_RULES,
  BOMBCELL_LIKE_RULES,
  ALLEN_RULES,
];

/** Human-readable form, e.g. "snr >= 5 (else mua)". */
export function describeRule(rule: LabelRule): string {
  return `${rule.metric} ${rule.op} ${rule.threshold} (else ${rule.onFail})`;
}

function passes(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/** Applies a rule set to every cluster's metrics. */
export function evaluateRules(
  metricsByCluster: ReadonlyMap<ClusterId, Readonly<Record<string, number | undefined>>>,
  ruleSet: LabelRuleSet,
): Map<ClusterId, RuleVerdict> {
  const out = new Map<ClusterId, RuleVerdict>();
  for (const [id, metrics] of metricsByCluster) {
    const failed: string[] = [];
    const notEvaluated: string[] = [];
    let noise = false;
    let mua = false;
    for (const rule of ruleSet.rules) {
      const value = metrics[rule.metric];
      if (value === undefined || Number.isNaN(value)) notEvaluated.push(describeRule(rule));
      else if (!passes(value, rule.op, rule.threshold)) {
        failed.push(describeRule(rule));
        if (rule.onFail === 'noise') noise = true;
        else mua = true;
      }
    }
    out.set(id, { suggested: noise ? 'noise' : mua ? 'mua' : 'good', failed, notEvaluated });
  }
  return out;
}

/** Validates untrusted JSON (e.g. a user's rule file) into a rule set; throws with the reason. */
export function parseRuleSet(json: unknown): LabelRuleSet {
  const obj = json as Record<string, unknown> | null;
  if (typeof obj !== 'object' || obj === null) throw new Error('rule set: expected an object');
  const { name, description, rules } = obj;
  if (typeof name !== 'string' || name === '')
    throw new Error('rule set: "name" must be a non-empty string');
  if (description !== undefined && typeof description !== 'string') {
    throw new Error('rule set: "description" must be a string');
  }
  if (!Array.isArray(rules)) throw new Error('rule set: "rules" must be an array');
  return {
    name,
    description: description ?? '',
    rules: rules.map((r: unknown, i): LabelRule => {
      const rule = r as Record<string, unknown> | null;
      const where = `rule set "${name}", rule ${i}`;
      if (typeof rule !== 'object' || rule === null)
        throw new Error(`${where}: expected an object`);
      const { metric, op, threshold, onFail } = rule;
      if (typeof metric !== 'string' || metric === '')
        throw new Error(`${where}: "metric" must be a non-empty string`);
      if (!COMPARISONS.includes(op as Comparison))
        throw new Error(`${where}: "op" must be one of ${COMPARISONS.join(' ')}`);
      if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
        throw new Error(`${where}: "threshold" must be a finite number`);
      }
      if (onFail !== 'noise' && onFail !== 'mua')
        throw new Error(`${where}: "onFail" must be "noise" or "mua"`);
      return { metric, op: op as Comparison, threshold, onFail };
    }),
  };
}
