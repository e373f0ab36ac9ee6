import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MergeSuggestionItem } from '../../../../shared/contract/metrics-types.js';
import {
  formatMergeScore,
  livePairs,
  mergeScoreTitle,
  pairIndex,
  stepPair,
} from '../../../../renderer/views/similarity-table/merge-nav.js';

const pair = (a: number, b: number, score: number): MergeSuggestionItem => ({
  a,
  b,
  score,
  components: { template: score, ccg: NaN, amplitude: NaN, position: NaN },
  distanceUm: NaN,
});

test('merge-score cells: three decimals, a cross when vetoed, empty when unknown', () => {
  assert.equal(formatMergeScore(undefined), '');
  assert.equal(formatMergeScore({ clusterId: 1, score: 0.68749, veto: null }), '0.687');
  assert.equal(
    formatMergeScore({ clusterId: 1, score: 0.1, veto: '200.0 µm apart (> 150)' }),
    '0.100 ✗',
  );
  assert.equal(formatMergeScore({ clusterId: 1, score: NaN, veto: null }), '');
  assert.equal(formatMergeScore({ clusterId: 1, score: NaN, veto: 'far' }), '✗');
  assert.equal(mergeScoreTitle({ clusterId: 1, score: 0.5, veto: 'far' }), 'vetoed: far');
  assert.equal(mergeScoreTitle({ clusterId: 1, score: 0.5, veto: null }), 'merge score 0.500');
});

test('only pairs whose clusters both exist are offered', () => {
  const pairs = [pair(1, 2, 0.9), pair(2, 5, 0.8), pair(3, 4, 0.7)];
  assert.deepEqual(
    livePairs(pairs, new Set([1, 3, 4, 5, 6])).map((p) => [p.a, p.b]),
    [[3, 4]],
  );
  assert.equal(pairIndex(pairs, 5, 2), 1);
  assert.equal(pairIndex(pairs, 2, 5), 1);
  assert.equal(pairIndex(pairs, 1, 5), -1);
});

test('stepping through the pairs wraps around; from nothing, next is the best', () => {
  assert.equal(stepPair(-1, 1, 3), 0);
  assert.equal(stepPair(-1, -1, 3), 2);
  assert.equal(stepPair(0, 1, 3), 1);
  assert.equal(stepPair(2, 1, 3), 0);
  assert.equal(stepPair(0, -1, 3), 2);
  assert.equal(stepPair(5, 1, 3), 0);
  assert.equal(stepPair(0, 1, 0), -1);
  assert.equal(stepPair(1, -4, 3), 0);
});
