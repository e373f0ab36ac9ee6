/**
 * @file One merge-score pair as self-contained data, scored the way `suggest:merges` scores a
 * pair: the larger template similarity (given), the CCG with Phy's 1 ms bins over ±25 ms from
 * the two spike trains, and amplitude / position summaries (given, or computed here from the
 * clusters' gathered values). Pure: the same function runs on the main thread and in the
 * merge-score worker, so both give the same numbers.
 */
import { type SpikeTrain } from '../analysis/correlograms.js';
import { correlogramsAgainst } from '../analysis/correlograms-against.js';
import { summaryOfGathered } from '../analysis/metrics/merge-stage.js';
import type { ClusterSummary } from '../analysis/merge-suggestions.js';
import { scoreMergePair } from '../analysis/merge-suggestions.js';
import type { MergeScore } from '../../../shared/contract/metrics-types.js';

/** A cluster's values for its summary: amplitudes (one per spike), positions (x, y per spike). */
export interface SummaryValues {
  amplitudes: Float32Array | null;
  positions: Float32Array | null;
}

/** A cluster of the pair: its train, and its summary or the values to compute it from. */
export interface PairSide {
  id: number;
  train: SpikeTrain;
  summary: ClusterSummary | SummaryValues;
}

export interface MergePairTask {
  a: PairSide;
  b: PairSide;
  /** Template similarity of the pair (NaN without similar_templates.npy). */
  similarity: number;
  sampleRate: number;
}

export interface MergePairResult {
  score: number;
  veto: MergeScore['veto'];
  /** Summaries of a and b (computed here when the task carried values). */
  summaryA: ClusterSummary;
  summaryB: ClusterSummary;
}

/** A side's summary: given, or computed from its gathered values (as `clusterSummary` would). */
function summaryOf(s: ClusterSummary | SummaryValues): ClusterSummary {
  return 'amplitudes' in s && 'positions' in s
    ? summaryOfGathered(s.amplitudes, s.positions)
    : (s as ClusterSummary);
}

/** Scores one pair (see the file header). */
export function scoreMergeTask(task: MergePairTask): MergePairResult {
  const summaryA = summaryOf(task.a.summary);
  const summaryB = summaryOf(task.b.summary);
  // Only the cross-correlogram is scored: the two autocorrelograms are not computed.
  const c = correlogramsAgainst(task.a.train, [task.b.train], {
    sampleRate: task.sampleRate,
    binS: 0.001,
    windowS: 0.05,
  });
  const result = scoreMergePair({
    a: task.a.id,
    b: task.b.id,
    similarity: task.similarity,
    ccg: { counts: c.cross[0] as Int32Array, binSizeS: 0.001 },
    summaryA,
    summaryB,
  });
  return { score: result.score, veto: result.veto ?? null, summaryA, summaryB };
}
