/**
 * @file Previews of merges and splits equal the metrics computed after really applying the action
 * to a fresh model (cluster-table fr, the metrics table's time metrics, phylib ACG), and never
 * modify the model they read.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeClusterRows } from '../../../../electron/core/analysis/cluster-stats.js';
import { correlogramOf, correlograms } from '../../../../electron/core/analysis/correlograms.js';
import { recordingSpan } from '../../../../electron/core/analysis/metrics/compute-all.js';
import { DEFAULT_METRIC_PARAMS } from '../../../../electron/core/analysis/metrics/metric-params.js';
import { computeTimeMetrics } from '../../../../electron/core/analysis/metrics/time-metrics.js';
import type { SpikeSetSummary } from '../../../../electron/core/views/cluster-summary.js';
import { preview } from '../../../../electron/core/views/preview.js';
import { CurationError, type CurationModel } from '../../../../shared/curation/index.js';
import { generated, type Generated } from './generated.js';

let g: Generated;
before(async () => {
  g = await generated({ durationS: 60, rawSeconds: 0 });
});
after(() => g.cleanup());

/** What the app shows for cluster `id` of a model where the action was really applied. */
function appliedSummary(model: CurationModel, id: number): SpikeSetSummary {
  const spikes = model.spikesOf(id);
  const ds = g.dataset;
  const m = computeTimeMetrics(
    { times: ds.spikeTimes, span: recordingSpan(ds), amplitudes: ds.amplitudes(), depths: null },
    spikes,
    DEFAULT_METRIC_PARAMS,
  );
  const row = computeClusterRows(ds, model.spikeClusters).find((r) => r.id === id);
  const acg = correlograms(ds.spikeTimes, [spikes], {
    sampleRate: ds.sampleRate,
    binS: 1e-3,
    windowS: 0.05,
  });
  return {
    nSpikes: m.num_spikes,
    fr: row?.fr ?? NaN,
    amplitudeMedian: m.amplitude_median,
    isiViolationsRatio: m.isi_violations_ratio,
    isiViolationsCount: m.isi_violations_count,
    contamPct: m.ks_contam_pct,
    ksLabel: m.ks_label,
    acg: Int32Array.from(correlogramOf(acg, 0, 0)),
  };
}

const bySize = () =>
  [...g.model.clusterIds].sort((a, b) => g.model.spikeCount(b) - g.model.spikeCount(a));

test('a merge preview equals the metrics after really merging; the model is untouched', () => {
  const [a, b] = bySize() as [number, number];
  const before = Int32Array.from(g.model.spikeClusters);
  const revision = g.model.revision;
  const p = preview(g.dataset, g.model, { type: 'merge', clusterIds: [b, a] });
  assert.equal(g.model.revision, revision);
  assert.deepEqual(g.model.spikeClusters, before);
  assert.equal(p.kind, 'merge');
  assert.deepEqual(
    p.parents.map((x) => x.clusterId),
    [Math.min(a, b), Math.max(a, b)],
  );
  const real = g.freshModel();
  const merged = real.merge([a, b]).added[0] as number;
  const result = p.results[0];
  assert.ok(result && p.results.length === 1);
  assert.deepEqual(result.summary, appliedSummary(real, merged));
  for (const parent of p.parents) {
    assert.deepEqual(parent.summary, appliedSummary(g.freshModel(), parent.clusterId));
    const d = result.deltas.find((x) => x.parentId === parent.clusterId)?.delta;
    assert.equal(d?.nSpikes, result.summary.nSpikes - parent.summary.nSpikes);
    assert.equal(d?.contamPct, result.summary.contamPct - parent.summary.contamPct);
    assert.equal(d?.fr, result.summary.fr - parent.summary.fr);
  }
});

test('a split preview gives the clusters the model creates, in its id order', () => {
  const [a, b] = bySize() as [number, number];
  const sa = g.model.spikesOf(a);
  const sb = g.model.spikesOf(b);
  // Every other spike of the first half of a, plus three spikes of b.
  const chosen = [
    ...Array.from(sa.subarray(0, sa.length >> 1)).filter((_, k) => k % 2 === 0),
    ...Array.from(sb.subarray(0, 3)),
  ].sort((x, y) => x - y);
  const spikes = Uint32Array.from(chosen);
  const p = preview(g.dataset, g.model, { type: 'split', spikes });
  assert.equal(p.kind, 'split');
  const real = g.freshModel();
  const change = real.split(spikes);
  assert.equal(p.results.length, change.added.length);
  change.added.forEach((id, k) => {
    const r = p.results[k];
    assert.ok(r);
    assert.deepEqual(r.summary, appliedSummary(real, id));
  });
  assert.deepEqual(
    p.results[0]?.parentIds,
    [a, b].sort((x, y) => x - y),
  );
  assert.equal(p.results[0]?.role, 'selection');
  assert.deepEqual(
    p.results.slice(1).map((r) => r.parentIds),
    [[a], [b]].sort((x, y) => (x[0] as number) - (y[0] as number)),
  );
});

test('split edge cases follow the model: whole clusters merge, one whole cluster is refused', () => {
  const [a, b] = bySize() as [number, number];
  const both = Uint32Array.from(
    [...g.model.spikesOf(a), ...g.model.spikesOf(b)].sort((x, y) => x - y),
  );
  assert.equal(preview(g.dataset, g.model, { type: 'split', spikes: both }).kind, 'merge');
  assert.throws(
    () => preview(g.dataset, g.model, { type: 'split', spikes: g.model.spikesOf(a) }),
    (e: unknown) => e instanceof CurationError && e.code === 'nothing-to-split',
  );
  assert.throws(
    () => preview(g.dataset, g.model, { type: 'merge', clusterIds: [a, 99999] }),
    (e: unknown) => e instanceof CurationError && e.code === 'unknown-cluster',
  );
});
