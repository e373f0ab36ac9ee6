/** A generated Kilosort4 folder loads, and what the loader reports matches the generator's ground truth. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { computeClusterRows } from '../../../../electron/core/analysis/cluster-stats.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { makeDataset } from '../../../../electron/core/fixtures/make-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-generated-'));
after(() => rmSync(dir, { recursive: true, force: true }));
interface Truth {
  nSpikes: number;
  nClusters: number;
  clusters: Array<{ id: number; kind: string; nSpikes: number }>;
}
let truth: Truth;
before(async () => {
  await makeDataset(dir, { units: 8, durationS: 60, rawSeconds: 1, nChannels: 64, seed: 3 });
  truth = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8')) as Truth;
});

describe('generated Kilosort4 dataset', () => {
  it('loads as Kilosort4 with every optional part present', () => {
    const ds = openDataset(dir);
    assert.equal(ds.sorter.name, 'kilosort4');
    assert.equal(ds.nSpikes, truth.nSpikes);
    assert.equal(ds.probe.nChannels, 64);
    assert.equal(ds.raw.status, 'available');
    assert.equal(ds.nt0min, 20);
    assert.ok(ds.templates && ds.pcFeatures && ds.similarTemplates && ds.whiteningMatInv);
    assert.equal(ds.pcFeatures.nPcs, 6);
    assert.equal(ds.pcFeatures.nChannelsLocal, 10);
    assert.equal(ds.spikePositions()?.length, 2 * truth.nSpikes);
    assert.equal(ds.amplitudes()?.length, truth.nSpikes);
    assert.equal(ds.hasCuratedGroups, false, "KS4's cluster_group.tsv holds KSLabel, not curation");
    assert.ok(ds.labels.fields.includes('KSLabel') && ds.labels.fields.includes('ContamPct'));
    ds.close();
  });

  it('cluster table counts equal the ground truth, and fr uses the whole recording', () => {
    const ds = openDataset(dir);
    const rows = computeClusterRows(ds);
    assert.equal(rows.length, truth.nClusters);
    for (const c of truth.clusters) {
      const row = rows.find((r) => r.id === c.id);
      assert.equal(row?.nSpikes, c.nSpikes, `cluster ${c.id}`);
    }
    // The raw file covers 1 s only; durations come from the last spike (~60 s).
    assert.ok(ds.durationS > 55 && ds.durationS <= 60, `duration ${ds.durationS}`);
    // The best channel (from unwhitened templates) is among the cluster's pc_feature channels.
    const pc = ds.pcFeatureChannels!;
    for (const r of rows) {
      const channels = Array.from(
        pc.channelIndex.subarray(r.dominantTemplate * 10, r.dominantTemplate * 10 + 10),
      );
      assert.ok(
        channels.includes(r.bestChannel as number),
        `cluster ${r.id}: best ${r.bestChannel} not in ${channels}`,
      );
    }
    ds.close();
  });

  it('the ground-truth unit of every spike is consistent with its cluster', () => {
    const ds = openDataset(dir);
    const units = NpyReader.open(
      join(dir, 'ground_truth/spike_units.npy'),
    ).readVector() as Int32Array;
    assert.equal(units.length, ds.nSpikes);
    const unitsByCluster = new Map<number, Set<number>>();
    for (let i = 0; i < units.length; i++) {
      const c = ds.spikeClusters[i] as number;
      const set = unitsByCluster.get(c) ?? new Set();
      if ((units[i] as number) >= 0) set.add(units[i] as number);
      unitsByCluster.set(c, set);
    }
    assert.ok(
      truth.clusters.some((c) => c.kind === 'under-split'),
      'the generator made an under-split cluster',
    );
    assert.ok(
      truth.clusters.some((c) => c.kind === 'over-split'),
      'the generator made over-split clusters',
    );
    for (const c of truth.clusters) {
      const n = unitsByCluster.get(c.id)?.size ?? 0;
      if (c.kind === 'under-split') assert.equal(n, 2, `cluster ${c.id} should mix two units`);
      if (c.kind === 'clean' || c.kind === 'over-split')
        assert.equal(n, 1, `cluster ${c.id} should hold one unit`);
    }
    ds.close();
  });

  it('loads identically with spike times read on a worker thread', () => {
    const direct = openDataset(dir);
    const background = openDataset(dir, { backgroundMinSpikes: 0 });
    assert.deepEqual(background.spikeTimes, direct.spikeTimes);
    assert.deepEqual(background.spikeClusters, direct.spikeClusters);
    assert.deepEqual(background.spikeTemplates, direct.spikeTemplates);
    assert.equal(background.durationS, direct.durationS);
    assert.deepEqual(background.warnings, direct.warnings);
    direct.close();
    background.close();
  });
});
