/**
 * @file ISI and firing-rate payloads on a generated folder against direct computations from the
 * spike times (consecutive differences, linear scans over bins).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { firingRateView, isiView } from '../../../../electron/core/views/spike-train-views.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
before(async () => {
  g = await generated({ durationS: 60, rawSeconds: 0 });
});
after(() => g.cleanup());

const secondsOf = (id: number) =>
  Array.from(
    g.model.spikesOf(id),
    (s) => (g.dataset.spikeTimes[s] as number) / g.dataset.sampleRate,
  );

function countIn(values: number[], edges: Float64Array): number[] {
  const n = edges.length - 1;
  return Array.from(
    { length: n },
    (_, i) =>
      values.filter(
        (v) =>
          v >= (edges[i] as number) &&
          (v < (edges[i + 1] as number) || (i === n - 1 && v === edges[n])),
      ).length,
  );
}

test('ISI histograms: Phy density, linear and log counts', () => {
  const ids = [...g.model.clusterIds].slice(0, 3);
  const views = isiView(g.dataset, g.model, ids, { linearBins: 25, logBins: 40 });
  views.forEach((v, i) => {
    const t = secondsOf(ids[i] as number);
    const isis = t.slice(1).map((x, k) => x - (t[k] as number));
    assert.equal(v.phy.edgesS.length, 50);
    const w = (v.phy.edgesS[1] as number) - (v.phy.edgesS[0] as number);
    const phyCounts = countIn(isis, v.phy.edgesS);
    const total = phyCounts.reduce((a, b) => a + b, 0);
    v.phy.values.forEach((d, k) =>
      assert.ok(Math.abs(d - (phyCounts[k] as number) / (total * w || 1)) < 1e-9),
    );
    assert.equal(v.linear.counts.length, 25);
    assert.equal(v.linear.edgesS[25], 0.05);
    assert.deepEqual(Array.from(v.linear.counts), countIn(isis, v.linear.edgesS));
    assert.equal(v.log.counts.length, 40);
    assert.equal(v.log.edgesS[0], 1e-4);
    assert.equal(v.log.edgesS[40], 10);
    assert.ok(Math.abs((v.log.edgesS[20] as number) - Math.sqrt(1e-4 * 10)) < 1e-12);
    assert.deepEqual(Array.from(v.log.counts), countIn(isis, v.log.edgesS));
  });
});

test('firing rate over time: counts, Hz and Phy density over [0, duration]', () => {
  const ids = [...g.model.clusterIds].slice(0, 2);
  const views = firingRateView(g.dataset, g.model, ids, 30);
  const binS = g.dataset.durationS / 30;
  views.forEach((v, i) => {
    const t = secondsOf(ids[i] as number);
    assert.equal(v.counts.length, 30);
    assert.equal(v.edgesS[30], g.dataset.durationS);
    assert.deepEqual(Array.from(v.counts), countIn(t, v.edgesS));
    assert.equal(
      v.counts.reduce((a, b) => a + b, 0),
      t.filter((x) => x <= g.dataset.durationS).length,
    );
    v.rateHz.forEach((r, k) => assert.ok(Math.abs(r - (v.counts[k] as number) / binS) < 1e-9));
    const total = v.counts.reduce((a, b) => a + b, 0);
    v.density.forEach((d, k) =>
      assert.ok(Math.abs(d - (v.counts[k] as number) / (total * binS)) < 1e-12),
    );
  });
});
