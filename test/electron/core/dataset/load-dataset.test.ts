import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeClusterRows } from '../../../../electron/core/analysis/cluster-stats.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { SHARED_DATA } from '../../../helpers/paths.js';

// Expected values below were computed independently with numpy from the same files
// (np.unique counts, bincount-argmax dominant template, (T[t] @ W_inv) peak-to-peak argmax).

describe('openDataset on real sorter outputs', () => {
  it('phy-data-template (KiloSort 1, official phy test set)', () => {
    const ds = openDataset(join(SHARED_DATA, 'phy-data-template'));
    assert.equal(ds.nSpikes, 314);
    assert.equal(ds.sampleRate, 25000);
    assert.equal(ds.nTemplates, 64);
    assert.equal(ds.probe.nChannels, 32);
    assert.equal(ds.nChannelsDat, 34);
    assert.equal(ds.sorter.name, 'kilosort1');
    assert.equal(ds.raw.status, 'missing');
    assert.equal(ds.durationS, 298403 / 25000); // last spike time: raw data absent
    assert.ok(ds.templates?.channelIndex, 'template_ind.npy is read');
    assert.ok(ds.pcFeatures && ds.pcFeatures.spikeIds, 'pc_feature_spike_ids.npy is read');
    const rows = computeClusterRows(ds);
    assert.equal(rows.length, 62);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const expect = [
      [2, 9, 21, 86.00331648187719, 22, 380],
      [7, 6, 26, 83.91933434905454, 0, 420],
      [30, 4, 11, 75.24040571417626, 29, 260],
    ] as const;
    for (const [id, n, best, amp, ch, depth] of expect) {
      const r = byId.get(id)!;
      assert.equal(r.nSpikes, n);
      assert.equal(r.bestChannel, best);
      assert.ok(Math.abs((r.amp as number) - amp) < 1e-6 * amp, `amp of ${id}: ${r.amp} vs ${amp}`);
      assert.equal(r.ch, ch);
      assert.equal(r.depth, depth);
      assert.equal(r.fr, n / Math.max(1, ds.durationS));
    }
    assert.equal(ds.hasCuratedGroups, true);
    ds.close();
  });

  it('bombcell-toy (Kilosort 2.x, no params.py: rate from the SpikeGLX .meta)', () => {
    const ds = openDataset(join(SHARED_DATA, 'bombcell-toy'));
    assert.equal(ds.nSpikes, 94565);
    assert.equal(ds.sampleRate, 30000);
    assert.equal(ds.probe.nChannels, 356);
    assert.ok(ds.warnings.some((w) => /params\.py is missing.*toy_data\.ap\.meta/.test(w)));
    assert.equal(ds.raw.status, 'none');
    const rows = computeClusterRows(ds);
    assert.deepEqual(
      rows.slice(0, 5).map((r) => [r.id, r.nSpikes]),
      [
        [0, 9705],
        [1, 24343],
        [2, 5906],
        [3, 1342],
        [4, 3784],
      ],
    );
    ds.close();
  });

  it('bme410-ks-matlab (no templates.npy: best channel from pc_feature_ind)', () => {
    const ds = openDataset(join(SHARED_DATA, 'bme410-ks-matlab'));
    assert.equal(ds.nSpikes, 58544);
    assert.equal(ds.templates, null);
    const rows = computeClusterRows(ds);
    assert.equal(rows.length, 295);
    const first = rows.find((r) => r.id === 296);
    assert.equal(first?.bestChannelSource, 'pc_feature_ind');
    assert.equal(first?.bestChannel, 49);
    assert.equal(first?.amp, null);
    ds.close();
  });

  it('changlab-ms4-phy (MountainSort via SpikeInterface, float64 raw missing)', () => {
    const ds = openDataset(join(SHARED_DATA, 'changlab-ms4-phy'));
    assert.equal(ds.nSpikes, 241);
    assert.equal(ds.sorter.name, 'spikeinterface');
    assert.equal(ds.raw.status, 'missing');
    assert.equal(computeClusterRows(ds).length, 10);
    assert.ok(ds.labels.fields.includes('group'));
    ds.close();
  });
});
