import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import {
  mergeCandidates,
  rankMergeSuggestions,
  refractoryDip,
  scoreMergePair,
} from '../../../../electron/core/analysis/merge-suggestions.js';

/** phylib-style CCG A->B by brute force: bin = floor(|Δt| / bin), centre = max of both directions. */
function ccgCounts(a: number[], b: number[], binS: number, halfBins: number): number[] {
  const out = new Array<number>(2 * halfBins + 1).fill(0);
  let zeroAB = 0;
  let zeroBA = 0;
  for (const ta of a) {
    for (const tb of b) {
      const k = Math.floor(Math.abs(tb - ta) / binS);
      if (k > halfBins) continue;
      if (k === 0) {
        if (tb >= ta) zeroAB++;
        else zeroBA++;
      } else out[halfBins + (tb >= ta ? k : -k)]! += 1;
    }
  }
  out[halfBins] = Math.max(zeroAB, zeroBA);
  return out;
}

function train(rng: Random, rateHz: number, durationS: number, deadS: number): number[] {
  const t: number[] = [];
  let now = rng.exponential(rateHz);
  while (now < durationS) {
    t.push(now);
    now += deadS + rng.exponential(rateHz);
  }
  return t;
}

test('refractory dip: bins inside the window vs the mean shoulder bin (hand-counted)', () => {
  // 0.5 ms bins, 41 bins (±20): window 1 ms -> |k| <= 1; shoulders |k| >= 20 -> the two end bins.
  const counts = Array.from({ length: 41 }, (_, i) =>
    Math.abs(i - 20) <= 1 ? 1 : Math.abs(i - 20) === 20 ? 8 : 3,
  );
  const dip = refractoryDip({ counts, binSizeS: 0.0005 }, 0.001, 0.01);
  assert.deepEqual(dip, { observed: 3, expected: 24, refractoryBins: 2 });
  assert.equal(refractoryDip({ counts: [0, 1, 0], binSizeS: 0.001 }, 0.001, 0.01), null);
});

test('one refractory neuron split in two: strong dip, high score; independent neurons: vetoed', () => {
  const rng = new Random(2024);
  const neuron = train(rng, 20, 100, 0.002);
  const a: number[] = [];
  const b: number[] = [];
  for (const t of neuron) (rng.next() < 0.5 ? a : b).push(t);
  const summary = { amplitudeMedian: 10, amplitudeSpread: 2, positionX: 0, positionY: 100 };
  const same = scoreMergePair({
    a: 1,
    b: 2,
    similarity: 0.9,
    ccg: { counts: ccgCounts(a, b, 0.001, 25), binSizeS: 0.001 },
    summaryA: summary,
    summaryB: { ...summary, amplitudeMedian: 11, positionY: 110 },
  });
  assert.equal(same.veto, undefined);
  assert.ok(same.dip && same.dip.observed === 0 && same.dip.expected > 5, JSON.stringify(same.dip));
  assert.ok(same.components.ccg > 0.99);
  assert.ok(same.score > 0.85, `score ${same.score}`);

  const other = train(rng, 10, 100, 0.002);
  const indep = scoreMergePair({
    a: 1,
    b: 3,
    similarity: 0.9,
    ccg: { counts: ccgCounts(a, other, 0.001, 25), binSizeS: 0.001 },
    summaryA: summary,
    summaryB: summary,
  });
  assert.ok(indep.veto?.startsWith('refractory'), indep.veto);
  assert.ok(indep.components.ccg < 0.5);
});

test('score is the weighted mean of the available components (exact values)', () => {
  const s = scoreMergePair({
    a: 4,
    b: 9,
    similarity: 0.8,
    summaryA: { amplitudeMedian: 10, amplitudeSpread: 3, positionX: 0, positionY: 0 },
    summaryB: { amplitudeMedian: 15, amplitudeSpread: 4, positionX: 12, positionY: 16 },
  });
  // Δamp 5, spread 5 -> exp(-1/2); distance 20 µm, scale 20 -> exp(-1/2); no CCG -> skipped.
  const e = Math.exp(-0.5);
  assert.ok(Number.isNaN(s.components.ccg));
  assert.equal(s.distanceUm, 20);
  assert.ok(Math.abs(s.score - (0.4 * 0.8 + 0.15 * e + 0.15 * e) / 0.7) < 1e-12);
  const only = scoreMergePair({ a: 1, b: 2, similarity: 1.3 });
  assert.equal(only.score, 1);
  const far = scoreMergePair({
    a: 1,
    b: 2,
    similarity: 0.95,
    summaryA: { positionX: 0, positionY: 0 },
    summaryB: { positionX: 0, positionY: 200 },
  });
  assert.ok(far.veto?.includes('µm'));
  const ranked = rankMergeSuggestions([
    { a: 1, b: 2, similarity: 0.6 },
    { a: 3, b: 4, similarity: 0.9 },
    { a: 0, b: 5, similarity: 0.9 },
    {
      a: 1,
      b: 7,
      similarity: 0.95,
      summaryA: { positionX: 0, positionY: 0 },
      summaryB: { positionX: 0, positionY: 500 },
    },
  ]);
  assert.deepEqual(
    ranked.suggestions.map((x) => [x.a, x.b]),
    [
      [0, 5],
      [3, 4],
      [1, 2],
    ],
  );
  assert.deepEqual(
    ranked.vetoed.map((x) => [x.a, x.b]),
    [[1, 7]],
  );
});

test('candidates: top-k similar pairs above the threshold, deduplicated, max of both directions', () => {
  const nT = 4;
  // Asymmetric on purpose: sim[0][1] = 0.9, sim[1][0] = 0.7.
  const sim = [1, 0.9, 0.2, 0.6, 0.7, 1, 0.3, 0.1, 0.2, 0.3, 1, 0.55, 0.6, 0.1, 0.55, 1];
  const sets = new Map([
    [10, Int32Array.from([0])],
    [11, Int32Array.from([1])],
    [12, Int32Array.from([2, 3])],
  ]);
  // 10-11: 0.9; 10-12: max(sim[0][2], sim[0][3]) = 0.6; 11-12: max(0.3, 0.1) = 0.3 / reverse 0.3.
  assert.deepEqual(mergeCandidates(sets, sim, nT), [
    { a: 10, b: 11, similarity: 0.9 },
    { a: 10, b: 12, similarity: 0.6 },
  ]);
  assert.deepEqual(mergeCandidates(sets, sim, nT, { topK: 1, minSimilarity: 0.65 }), [
    { a: 10, b: 11, similarity: 0.9 },
  ]);
});
