import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import {
  clusterPairSimilarity,
  similarClusters,
  templateSetOf,
  templateSetsByCluster,
} from '../../../../electron/core/analysis/similarity.js';

test('template sets follow live cluster assignments', () => {
  const spikeTemplates = [0, 0, 1, 2, 2, 3, 1];
  const spikeClusters = [0, 0, 1, 2, 2, 3, 1];
  assert.deepEqual(
    [...templateSetsByCluster(spikeClusters, spikeTemplates)].map(([c, t]) => [c, Array.from(t)]),
    [
      [0, [0]],
      [1, [1]],
      [2, [2]],
      [3, [3]],
    ],
  );
  // Merge 1 and 3 into 4; split one spike of 2 off into 5.
  const after = [0, 0, 4, 2, 5, 4, 4];
  assert.deepEqual(
    [...templateSetsByCluster(after, spikeTemplates)].map(([c, t]) => [c, Array.from(t)]),
    [
      [0, [0]],
      [2, [2]],
      [4, [1, 3]],
      [5, [2]],
    ],
  );
  assert.deepEqual(Array.from(templateSetOf([6, 5, 2], spikeTemplates)), [1, 3]);
});

test('cluster similarity = max over template pairs; ranking matches a brute force', () => {
  const rng = new Random(77);
  const nT = 12;
  const sim = Float64Array.from({ length: nT * nT }, () => Math.round(rng.next() * 1000) / 1000);
  // Random clusters made of 1-3 templates each.
  const sets = new Map<number, Int32Array>();
  const pool = rng.shuffle(Array.from({ length: nT }, (_, i) => i));
  let id = 20;
  while (pool.length) sets.set(id++, Int32Array.from(pool.splice(0, 1 + rng.int(3))).sort());
  for (const ref of sets.keys()) {
    const expected = [...sets]
      .filter(([c]) => c !== ref)
      .map(([c, tb]) => {
        let best = -Infinity;
        for (const a of sets.get(ref)!)
          for (const b of tb) best = Math.max(best, sim[a * nT + b] as number);
        return { clusterId: c, similarity: best };
      })
      .sort((x, y) => y.similarity - x.similarity || x.clusterId - y.clusterId);
    assert.deepEqual(similarClusters(ref, sets, sim, nT), expected);
    assert.deepEqual(similarClusters(ref, sets, sim, nT, 2), expected.slice(0, 2));
    for (const e of expected) {
      assert.equal(
        clusterPairSimilarity(sim, nT, sets.get(ref)!, sets.get(e.clusterId)!),
        e.similarity,
      );
    }
  }
  assert.deepEqual(similarClusters(999, sets, sim, nT), []);
});
