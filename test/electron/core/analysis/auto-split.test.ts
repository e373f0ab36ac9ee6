import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import {
  autoSplit,
  concatColumns,
  partitionBic,
  standardisedScores,
} from '../../../../electron/core/analysis/auto-split.js';
import { gaussianBlobs } from './gaussian-blobs.js';

test('one Gaussian blob (even elongated and correlated) stays whole: k = 1', () => {
  const rng = new Random(31);
  const n = 3000;
  const data = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    // Strongly correlated, 10:1 elongated, plus an independent noise dim and a constant dim.
    data.set([10 * a + b, 10 * a - b, rng.normal(), 5], i * 4);
  }
  const r = autoSplit({ data, n, d: 4 });
  assert.equal(r.k, 1, `bic ${r.bic}`);
  assert.equal(r.groups.length, 1);
  assert.equal(r.groups[0]?.length, n);
});

test('two clear blobs -> k = 2 with the true partition; spike ids are returned', () => {
  const f = gaussianBlobs(
    [
      { label: 0, n: 1200, mean: [0, 0, 0, 0, 0, 0], sd: 1 },
      { label: 1, n: 500, mean: [6, 2, 0, 0, 0, 0], sd: [1, 1, 2, 1, 1, 1] },
    ],
    14,
  );
  const ids = Int32Array.from({ length: f.n }, (_, i) => 1000 + 2 * i);
  const r = autoSplit(f, {}, ids);
  assert.equal(r.k, 2, `bic ${r.bic}`);
  // Group 0 is the larger (label 0). k-means on z-scored axes is not the Bayes boundary, so allow
  // 1.5 % boundary spikes (the Bayes error here is ~0.1 %).
  let wrong = 0;
  for (let i = 0; i < f.n; i++) if (r.labels[i] !== f.labels[i]) wrong++;
  assert.ok(wrong < 0.015 * f.n, `${wrong} misassigned`);
  assert.equal((r.groups[0]?.length ?? 0) + (r.groups[1]?.length ?? 0), f.n);
  assert.ok(r.groups[1]?.every((id) => id >= 1000 && id % 2 === 0));
});

test('three blobs -> k = 3; subsampled fitting still assigns every row', () => {
  const f = gaussianBlobs(
    [
      { label: 0, n: 900, mean: [0, 0, 0], sd: 1 },
      { label: 1, n: 700, mean: [8, 0, 0], sd: 1 },
      { label: 2, n: 500, mean: [0, 8, 0], sd: 1 },
    ],
    15,
  );
  const r = autoSplit(f, { maxFitRows: 600 });
  assert.equal(r.k, 3, `bic ${r.bic}`);
  assert.deepEqual(
    r.groups.map((g) => g.length),
    [900, 700, 500],
  );
});

test('partition BIC matches a direct log-likelihood; scores are standardised PCA projections', () => {
  const x = { data: Float64Array.from([0, 1, 2, 10, 12]), n: 5, d: 1 };
  const labels = Int32Array.from([0, 0, 0, 1, 1]);
  // Group 0: mean 1, var 2/3; group 1: mean 11, var 1.
  const ll =
    3 * Math.log(3 / 5) +
    2 * Math.log(2 / 5) -
    0.5 * 3 * (Math.log(2 * Math.PI * (2 / 3)) + 1) -
    0.5 * 2 * (Math.log(2 * Math.PI) + 1);
  assert.ok(Math.abs(partitionBic(x, labels, 2, 1) - (-2 * ll + 5 * Math.log(5))) < 1e-12);
  assert.equal(partitionBic(x, labels, 2, 3), Infinity);
  const s = standardisedScores({ data: Float64Array.from([1, 2, 2, 4, 3, 6]), n: 3, d: 2 }, 6);
  // Perfectly correlated columns -> one component, ±sqrt(2)·z with z = (-1.2247, 0, 1.2247).
  assert.equal(s.d, 1);
  assert.ok(
    Math.abs(Math.abs(s.data[0] as number) - Math.sqrt(3)) < 1e-9 &&
      Math.abs(s.data[1] as number) < 1e-9,
  );
  const c = concatColumns([
    { data: [1, 2, 3, 4], n: 2, d: 2 },
    { data: [9, 8], n: 2, d: 1 },
  ]);
  assert.deepEqual(Array.from(c.data), [1, 2, 9, 3, 4, 8]);
});
