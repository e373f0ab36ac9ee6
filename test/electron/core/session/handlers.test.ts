import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSessionHost } from '../../../../electron/core/session/handlers.js';
import { writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-host-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('session host handlers', () => {
  it('open, table, label, merge, similar, cloud, undo, save — with events', async () => {
    const dir = join(root, 'ds');
    mkdirSync(dir);
    writeMiniDataset(dir);
    const host = createSessionHost({ userDataDir: join(root, 'user') });
    const h = host.handlers;
    const seen: string[] = [];
    host.events.on('curation:changed', ({ change }) =>
      seen.push(`${change.action}:${change.added.join(',')}`),
    );

    assert.equal((await h['session:status']({})).dataset, null);
    await assert.rejects(async () => h['clusters:table']({}), /no dataset is open/);
    const summary = await h['dataset:open']({ dir });
    assert.equal(summary.nClusters, 3);
    assert.deepEqual(await h['dataset:recent']({}), [dir]);

    let table = await h['clusters:table']({});
    assert.deepEqual(Array.from(table.ids), [0, 1, 2]);
    assert.deepEqual(Array.from(table.nSpikes), [4, 4, 4]);
    assert.deepEqual(table.labels.KSLabel, ['good', 'mua', 'good']);

    // similar_templates of the mini dataset: row 0 = [1, 0.5, 0.1].
    assert.deepEqual(await h['clusters:similar']({ clusterId: 0 }), [
      { clusterId: 1, similarity: 0.5 },
      { clusterId: 2, similarity: Math.fround(0.1) },
    ]);

    await h['curation:select']({ clusters: [1], similar: [2] });
    await h['curation:label']({
      clusterIds: [1],
      group: 'noise',
      selectionAfter: { clusters: [2], similar: [] },
    });
    const merge = await h['curation:merge']({ clusterIds: [0, 2] });
    assert.deepEqual(merge.added, [3]);
    table = await h['clusters:table']({});
    assert.deepEqual(Array.from(table.ids), [1, 3]);
    assert.deepEqual(Array.from(table.nSpikes), [4, 8]);
    assert.deepEqual(table.labels.group, ['noise', null]);
    // Similarity after the merge: max over the templates of 3 = {0, 2}: sim[1][0]=0.5, sim[1][2]=0.2.
    assert.deepEqual(await h['clusters:similar']({ clusterId: 1 }), [
      { clusterId: 3, similarity: 0.5 },
    ]);

    const cloud = await h['spikes:ofClusters']({ axis: 'time', clusterIds: [3] });
    assert.equal(cloud.x.length, 8);
    assert.ok(cloud.clusters.every((c) => c === 3));
    assert.equal(cloud.z[0], Math.fround(100 / 30000));
    const sampled = await h['spikes:cloud']({ axis: 'amplitude', maxPoints: 1000 });
    assert.equal(sampled.x.length, 12);
    assert.equal(sampled.sampled, false);

    const undo = await h['curation:undo']({});
    assert.deepEqual(undo.added, [0, 2]);
    assert.deepEqual(Array.from((await h['clusters:table']({})).ids), [0, 1, 2]);
    const status = await h['session:status']({});
    assert.equal(status.dirty, true);
    assert.equal(status.counts.noise, 1);
    assert.deepEqual(status.selection, { clusters: [2], similar: [] }); // before the merge

    const saved = await h['curation:save']({});
    assert.ok(saved.files.includes('cluster_group.tsv'));
    assert.equal(
      readFileSync(join(dir, 'cluster_group.tsv'), 'latin1'),
      'cluster_id\tgroup\r\n1\tnoise\r\n',
    );
    assert.equal((await h['session:status']({})).dirty, false);
    const history = await h['curation:history']({});
    assert.deepEqual(
      history.map((e) => e.description),
      ['group of 1 → noise', 'merge 0 + 2', 'undo'],
    );
    assert.deepEqual(seen, ['label:', 'merge:3', 'undo:0,2']);
    host.close();
  });

  it('curation:setField: a label field of the user own, in the table and saved as Phy does', async () => {
    const dir = join(root, 'fields');
    mkdirSync(dir);
    writeMiniDataset(dir);
    const host = createSessionHost({ userDataDir: join(root, 'user-fields') });
    const h = host.handlers;
    await h['dataset:open']({ dir });
    await h['curation:setField']({ clusterIds: [0, 2], field: 'cell_type', value: 'pyramidal' });
    await h['curation:setField']({ clusterIds: [2], field: 'cell_type', value: null });
    const table = await h['clusters:table']({});
    assert.deepEqual(table.labels.cell_type, ['pyramidal', null, null]);
    await h['curation:save']({});
    assert.equal(
      readFileSync(join(dir, 'cluster_cell_type.tsv'), 'latin1'),
      'cluster_id\tcell_type\r\n0\tpyramidal\r\n',
    );
    assert.deepEqual(
      (await h['curation:history']({})).map((e) => e.description),
      ['cell_type of 0, 2 → pyramidal', 'cell_type of 2 → (none)'],
    );
    host.close();
  });
});
