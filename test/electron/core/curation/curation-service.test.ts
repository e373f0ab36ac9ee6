import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeSelection } from '../../../../shared/curation/index.js';
import {
  CurationService,
  ExternalChangeError,
} from '../../../../electron/core/curation/curation-service.js';
import { miniDatasetPerTest } from '../../../helpers/mini-dataset.js';

const folder = miniDatasetPerTest('kc-service-');

const read = (name: string) => readFileSync(join(folder(), name));
const text = (name: string) => read(name).toString('latin1');

/** np.save(np.array(values, dtype=np.int32)) — header bytes as numpy 2.x writes them. */
function npyInt32(values: number[]): Buffer {
  const dict = `{'descr': '<i4', 'fortran_order': False, 'shape': (${values.length},), }`;
  const header = Buffer.from(
    `\x93NUMPY\x01\x00v\x00${dict}${' '.repeat(128 - 10 - dict.length - 1)}\n`,
    'latin1',
  );
  return Buffer.concat([header, Buffer.from(new Int32Array(values).buffer)]);
}

describe('CurationService', () => {
  it('writes Phy’s files byte for byte after label + merge', () => {
    const s = CurationService.open(folder());
    s.label([0], 'good');
    const change = s.merge([1, 2]);
    assert.deepEqual(change.added, [3]);
    assert.deepEqual(change.deleted, [1, 2]);
    assert.equal(s.dirty, true);
    const result = s.save();
    assert.equal(s.dirty, false);
    s.close();
    assert.ok(result.files.includes('spike_clusters.npy'));

    const expectedClusters = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 0 : 3));
    assert.deepEqual(read('spike_clusters.npy'), npyInt32(expectedClusters));
    assert.equal(text('cluster_group.tsv'), 'cluster_id\tgroup\r\n0\tgood\r\n');
    // KSLabel is a sorter metric: not inherited by the merged cluster (recomputed by analysis).
    assert.equal(text('cluster_KSLabel.tsv'), 'cluster_id\tKSLabel\r\n0\tgood\r\n');
    assert.equal(
      text('cluster_info.tsv'),
      'cluster_id\tKSLabel\tamp\tch\tdepth\tfr\tgroup\tn_spikes\tsh\r\n' +
        '0\tgood\t10.00000000\t0\t0.00000000\t4.00000000\tgood\t4\t0\r\n' +
        '3\t\t10.00000000\t1\t20.00000000\t8.00000000\t\t8\t0\r\n',
    );
    assert.equal(text('.phy/new_cluster_id.json'), '{\n  "new_cluster_id": 4\n}');
    // The sorter's originals were backed up before the first overwrite.
    assert.equal(
      readFileSync(join(folder(), '.kilocurate/original/cluster_group.tsv'), 'latin1'),
      'cluster_id\tKSLabel\n0\tgood\n1\tmua\n2\tgood\n',
    );
  });

  it('split gives the selection one id and the rest of each touched cluster the next ids', () => {
    const s = CurationService.open(folder());
    // Spikes 0, 3 (cluster 0) and 1 (cluster 1): N=3 for them, 4 = rest of 0, 5 = rest of 1.
    const change = s.split(Uint32Array.from([0, 1, 3]));
    assert.deepEqual(change.added, [3, 4, 5]);
    assert.deepEqual(change.deleted, [0, 1]);
    s.save();
    s.close();
    const expected = [3, 3, 2, 3, 5, 2, 4, 5, 2, 4, 5, 2];
    assert.deepEqual(read('spike_clusters.npy'), npyInt32(expected));
  });

  it('reopen restores assignment, labels, ids, undo/redo stacks and selection', () => {
    let s = CurationService.open(folder());
    s.merge([0, 1]);
    s.label([3], 'mua', { reason: 'refractory violations' });
    s.split(Uint32Array.from([2, 5]));
    s.undo();
    s.select(makeSelection([3], [2]));
    const assignment = Array.from(s.state.spikeClusters);
    const next = s.state.nextClusterId;
    s.close();

    s = CurationService.open(folder());
    assert.deepEqual(Array.from(s.state.spikeClusters), assignment);
    assert.equal(s.state.nextClusterId, next);
    assert.equal(s.state.label('group', 3)?.value, 'mua');
    assert.deepEqual(s.selection, makeSelection([3], [2]));
    assert.equal(s.state.canRedo, true);
    const redone = s.redo();
    assert.deepEqual(redone.added, [4, 5]); // the split's ids come back on redo
    const history = s.history();
    assert.equal(history.length, 5);
    assert.equal(history[1]?.reason, 'refractory violations');
    s.undo();
    s.undo();
    s.undo();
    assert.deepEqual(s.state.clusterIds, [0, 1, 2]);
    // A new action after undo never reuses ids.
    const merged = s.merge([0, 2]);
    assert.deepEqual(merged.added, [6]);
    s.close();
  });

  it('never overwrites a file changed by another program; reload or keep on request', () => {
    let s = CurationService.open(folder());
    s.label([1], 'noise');
    s.save();
    s.label([2], 'good');
    // Phy (or a script) rewrites cluster_group.tsv meanwhile.
    writeFileSync(join(folder(), 'cluster_group.tsv'), 'cluster_id\tgroup\r\n0\tmua\r\n');
    assert.throws(
      () => s.save(),
      (e: unknown) => e instanceof ExternalChangeError && e.files.includes('cluster_group.tsv'),
    );
    assert.equal(
      text('cluster_group.tsv'),
      'cluster_id\tgroup\r\n0\tmua\r\n',
      'the external file is intact',
    );
    s.close();
    assert.throws(() => CurationService.open(folder()), ExternalChangeError);
    s = CurationService.open(folder(), { onExternalChange: 'reload' });
    assert.equal(s.state.label('group', 0)?.value, 'mua');
    assert.equal(s.state.label('group', 2), undefined);
    s.close();
  });

  it('revert restores the sorter output and keeps ids growing', () => {
    const s = CurationService.open(folder());
    s.merge([0, 1]);
    s.save();
    assert.notDeepEqual(
      read('spike_clusters.npy'),
      readFileSync(join(folder(), '.kilocurate/original/spike_clusters.npy')),
    );
    s.revert();
    assert.deepEqual(
      read('spike_clusters.npy'),
      readFileSync(join(folder(), '.kilocurate/original/spike_clusters.npy')),
    );
    assert.equal(text('cluster_group.tsv'), 'cluster_id\tKSLabel\n0\tgood\n1\tmua\n2\tgood\n');
    assert.equal(
      existsSync(join(folder(), 'cluster_info.tsv')),
      false,
      'files the sorter did not write are removed',
    );
    assert.deepEqual(s.state.clusterIds, [0, 1, 2]);
    assert.deepEqual(s.merge([0, 2]).added, [4]);
    s.close();
  });

  it('without spike_clusters.npy: starts from spike_templates and writes nothing at open', () => {
    rmSync(join(folder(), 'spike_clusters.npy'));
    const s = CurationService.open(folder());
    assert.equal(existsSync(join(folder(), 'spike_clusters.npy')), false);
    s.label([2], 'good');
    s.save();
    s.close();
    assert.ok(existsSync(join(folder(), 'spike_clusters.npy')));
    const manifest = JSON.parse(
      readFileSync(join(folder(), '.kilocurate/original/manifest.json'), 'utf8'),
    );
    assert.equal(manifest.files['spike_clusters.npy'], 'absent');
  });

  it('keeps the journal in the user data folder when the dataset folder is read-only', (t) => {
    if (process.getuid?.() === 0)
      return t.skip('running as root: a read-only folder is still writable');
    chmodSync(folder(), 0o555);
    const userData = join(folder(), '..', 'user-data');
    const s = CurationService.open(folder(), { userDataDir: userData });
    assert.ok(s.journal.path.startsWith(userData));
    s.close();
    chmodSync(folder(), 0o755);
  });
});
