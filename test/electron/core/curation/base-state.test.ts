/**
 * @file The base state with a prefetched assignment: used exactly where it is what loadBaseState
 * would load (then with its spike index), ignored elsewhere, and never changing the outcome; and
 * a session reopened with background reads equals one reopened without, undo/redo included.
 */
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SpikesPerCluster } from '../../../../shared/curation/spike-index.js';
import type { CurationModel } from '../../../../shared/curation/index.js';
import { loadBaseState, prefetchBaseState } from '../../../../electron/core/curation/base-state.js';
import { CurationService } from '../../../../electron/core/curation/curation-service.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { npyOf, miniDatasetPerTest } from '../../../helpers/mini-dataset.js';
import { digest } from './crash-digest.js';

const folder = miniDatasetPerTest('kc-base-state-');

const SYNC = { backgroundMinSpikes: Infinity };
const BACKGROUND = { backgroundMinSpikes: 0 };
const manifestEpoch = () =>
  (
    JSON.parse(readFileSync(join(folder(), '.kilocurate/base/manifest.json'), 'utf8')) as {
      epoch: number;
    }
  ).epoch;

/** A session with a save (so a base snapshot exists) and a few actions after it. */
function curate(): void {
  const s = CurationService.open(folder(), SYNC);
  s.setAutosave(false);
  s.label([0], 'good');
  s.merge([1, 2]);
  s.save();
  s.split(Uint32Array.from([0, 3]));
  s.undo();
  s.close();
}

/** loadBaseState with and without a prefetch: same state; reports whether it was used. */
function compareBase(epoch: number): boolean {
  const ds = openDataset(folder());
  const expected = loadBaseState(ds, epoch, []);
  const prefetch = prefetchBaseState(folder(), 0);
  let base;
  try {
    base = loadBaseState(ds, epoch, [], prefetch ?? undefined);
  } finally {
    prefetch?.dispose();
    ds.close();
  }
  assert.deepEqual(base.spikeClusters, expected.spikeClusters);
  assert.deepEqual(base.labels, expected.labels);
  assert.equal(base.hasCuratedGroups, expected.hasCuratedGroups);
  if (!base.spikeIndex) return false;
  const built = SpikesPerCluster.build(expected.spikeClusters);
  assert.deepEqual([...base.spikeIndex.clusterIds], [...built.clusterIds]);
  for (const id of built.clusterIds) assert.deepEqual(base.spikeIndex.get(id), built.get(id));
  return true;
}

describe('loadBaseState with a prefetch', () => {
  it('uses the folder’s spike_clusters.npy before any save', () => {
    assert.equal(compareBase(1), true);
  });

  it('uses spike_templates.npy when there is no spike_clusters.npy', () => {
    unlinkSync(join(folder(), 'spike_clusters.npy'));
    assert.equal(compareBase(1), true);
  });

  it('uses the base snapshot of this epoch after a save', () => {
    curate();
    assert.equal(compareBase(manifestEpoch()), true);
  });

  it('ignores a snapshot of another epoch (the folder’s file differs)', () => {
    curate();
    assert.equal(compareBase(manifestEpoch() + 1), false);
  });

  it('ignores a snapshot rewritten after the prefetch started', () => {
    curate();
    const ds = openDataset(folder());
    const prefetch = prefetchBaseState(folder(), 0);
    const path = join(folder(), '.kilocurate/base/spike_clusters.npy');
    const ids = Array.from({ length: 12 }, (_, i) => (i * 7) % 5);
    writeFileSync(path, npyOf('<i4', [12], ids));
    const base = loadBaseState(ds, manifestEpoch(), [], prefetch ?? undefined);
    prefetch?.dispose();
    ds.close();
    assert.deepEqual([...base.spikeClusters], ids);
    assert.equal(base.spikeIndex, undefined);
  });

  it('an invalid snapshot fails with the same error', () => {
    curate();
    const path = join(folder(), '.kilocurate/base/spike_clusters.npy');
    writeFileSync(path, npyOf('<i4', [12], [0, 1, -4, 0, 1, 2, 0, 1, 2, 0, 1, 2]));
    const expected = /\.kilocurate\/base\/spike_clusters\.npy: entry 2 is negative \(-4\)/;
    assert.throws(() => compareBase(manifestEpoch()), expected);
  });
});

/** Everything a reopen must restore, walked through the undo and redo stacks. */
function walk(model: CurationModel): string[] {
  const states = [
    JSON.stringify([model.revision, model.selection, model.nextClusterId, model.clusterIds]),
  ];
  const step = () => {
    const spikes = model.clusterIds.map((id) => [...model.spikesOf(id)]);
    states.push(`${digest(model)} ${model.canUndo} ${model.canRedo} ${JSON.stringify(spikes)}`);
  };
  step();
  let undone = 0;
  while (model.canUndo) {
    model.undo();
    undone++;
    step();
  }
  for (let i = 0; i < undone; i++) {
    model.redo();
    step();
  }
  return states;
}

describe('CurationService reopened with background reads', () => {
  it('restores the same state as a reopen without them (before and after a save)', () => {
    for (const stage of ['fresh', 'saved'] as const) {
      if (stage === 'saved') curate();
      const sync = CurationService.open(folder(), SYNC);
      const background = CurationService.open(folder(), BACKGROUND);
      assert.deepEqual(walk(background.state), walk(sync.state), stage);
      sync.close();
      background.close();
    }
  });
});
