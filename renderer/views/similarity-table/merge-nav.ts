/**
 * @file Pure helpers of the similarity table's merge features: the merge-score cell, and the
 * "next suggested pair" navigation over the ranked merge suggestions.
 */
import type { MergeScore, MergeSuggestionItem } from '../../../shared/contract/metrics-types.js';

/** Text of a merge-score cell: 3 decimals, '✗' after a vetoed pair, empty when unknown. */
export function formatMergeScore(s: MergeScore | undefined): string {
  if (!s || Number.isNaN(s.score)) return s?.veto ? '✗' : '';
  return s.veto ? `${s.score.toFixed(3)} ✗` : s.score.toFixed(3);
}

/** Tooltip of a merge-score cell. */
export function mergeScoreTitle(s: MergeScore | undefined): string {
  if (!s) return '';
  return s.veto ? `vetoed: ${s.veto}` : `merge score ${s.score.toFixed(3)}`;
}

/** Suggestions whose two clusters still exist (a merge or split makes the others stale). */
export function livePairs(
  suggestions: readonly MergeSuggestionItem[],
  live: ReadonlySet<number>,
): MergeSuggestionItem[] {
  return suggestions.filter((s) => live.has(s.a) && live.has(s.b));
}

/**
 * Index of the pair `delta` steps from `current` in a list of `n` (wrapping around); from -1
 * (nothing shown yet) one step forward is the best pair and one step back the last. -1 when empty.
 */
export function stepPair(current: number, delta: number, n: number): number {
  if (n === 0) return -1;
  if (current < 0 || current >= n) return delta >= 0 ? 0 : n - 1;
  return (((current + delta) % n) + n) % n;
}

/** Position of the pair (a, b) in either order, or -1. */
export function pairIndex(pairs: readonly MergeSuggestionItem[], a: number, b: number): number {
  return pairs.findIndex((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
}
