/**
 * The curation commands end to end on a temporary Kilosort4-style folder: every command goes
 * through the session journal, prints what the README promises, and `save` writes the files.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { curateCommand } from '../../../../electron/cli/commands/curate.js';
import { UsageError } from '../../../../electron/cli/commands/info.js';
import { saveNpy } from '../../../../electron/core/dataset/npy-writer.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import type { TestFolder } from '../../core/analysis/metrics/phy-folder.js';
import { capture, tempFolder } from './cli-io.js';

let folder: TestFolder;
before(() => (folder = tempFolder('kc-curate-cli-')));
after(() => rmSync(folder.dir, { recursive: true, force: true }));

/** Runs one command; returns its standard output. */
async function run(name: string, ...args: string[]): Promise<string> {
  const io = capture();
  assert.equal(await curateCommand(name, [folder.dir, ...args], io), 0);
  return io.stdout();
}

const readClusters = () => {
  const reader = NpyReader.open(join(folder.dir, 'spike_clusters.npy'));
  try {
    return Int32Array.from(reader.readVector() as Int32Array);
  } finally {
    reader.close();
  }
};

const spikesOf = (clusters: Int32Array, id: number) =>
  [...clusters.keys()].filter((i) => clusters[i] === id);

describe('kilocurate curation commands', () => {
  test('label, custom field, merge, split (.npy and text), undo/redo, save, history, revert', async () => {
    const original = Int32Array.from(folder.clusters);
    assert.match(
      await run('label', '1', '--as', 'noise', '--reason', 'flat'),
      /labelled 1 as noise/,
    );
    assert.match(
      await run('label', '1', '4', '--field', 'cell_type', '--as', 'pyramidal'),
      /cell_type = pyramidal on 1, 4/,
    );
    assert.equal(await run('merge', '2', '3'), '6\n');

    // Split cluster 6 (the merge) by an .npy list, then cluster 0 by a text list.
    const merged = spikesOf(
      Int32Array.from(original, (c) => (c === 2 || c === 3 ? 6 : c)),
      6,
    );
    const firstHalf = merged.slice(0, Math.floor(merged.length / 2));
    const npy = join(folder.dir, '..', `split-${process.pid}.npy`);
    saveNpy(npy, Uint32Array.from(firstHalf));
    assert.equal(await run('split', '6', '--spikes', npy), '7 8\n');
    rmSync(npy);
    const zero = spikesOf(original, 0).filter((_, k) => k % 3 === 0);
    const txt = join(folder.dir, '..', `split-${process.pid}.txt`);
    writeFileSync(txt, zero.join(',\n'));
    assert.equal(await run('split', '0', '--spikes', txt), '9 10\n');
    rmSync(txt);

    assert.match(await run('undo'), /undo: added 0; removed 9, 10/);
    assert.match(await run('redo'), /redo: added 9, 10; removed 0/);

    assert.match(await run('save'), /saved \d+ files/);
    const saved = readClusters();
    const expected = Int32Array.from(original, (c) => (c === 2 || c === 3 ? 8 : c));
    for (const s of firstHalf) expected[s] = 7;
    for (const s of spikesOf(original, 0)) expected[s] = 10;
    for (const s of zero) expected[s] = 9;
    assert.deepEqual(saved, expected);
    assert.equal(
      readFileSync(join(folder.dir, 'cluster_cell_type.tsv'), 'utf8'),
      'cluster_id\tcell_type\r\n1\tpyramidal\r\n4\tpyramidal\r\n',
    );
    const group = readFileSync(join(folder.dir, 'cluster_group.tsv'), 'utf8');
    assert.match(group, /\r\n1\tnoise\r\n/);

    const history = JSON.parse(await run('history', '--json')) as Array<{
      action: string;
      reason: string | null;
    }>;
    assert.deepEqual(
      history.map((h) => h.action),
      ['label', 'label', 'merge', 'split', 'split', 'undo', 'redo'],
    );
    assert.equal(history[0]?.reason, 'flat');

    assert.match(await run('revert'), /restored the sorter's .*spike_clusters\.npy/);
    assert.deepEqual(readClusters(), original);
    assert.equal(existsSync(join(folder.dir, 'cluster_cell_type.tsv')), false);
  });

  test('usage errors name the problem and change nothing', async () => {
    const before = readFileSync(join(folder.dir, 'spike_clusters.npy'));
    const refused = async (name: string, args: string[], message: RegExp) =>
      assert.rejects(curateCommand(name, [folder.dir, ...args], capture()), (err: unknown) => {
        assert.ok(err instanceof UsageError, String(err));
        assert.match(err.message, message);
        return true;
      });
    await refused('label', ['1', '--as', 'great'], /--as good\|mua\|noise\|unsorted/);
    await refused('label', ['1'], /usage/);
    await refused('label', ['1', '--field', '../evil', '--as', 'x'], /not a label field name/);
    await refused('label', ['1', '--field', 'a/b', '--as', 'x'], /not a label field name/);
    await refused('label', ['1', '--field', 'KSLabel', '--as', 'x'], /computed by Kilocurate/);
    await refused('label', ['1', '--field', 'group', '--as', 'good'], /use --as without --field/);
    await refused(
      'label',
      ['1', '--field', 'kind', '--as', 'x', '--clear'],
      /--as TEXT \| --clear/,
    );
    await refused('label', ['1', '--field', 'kind'], /--as TEXT \| --clear/);
    await refused('label', ['x1', '--as', 'good'], /'x1' is not a cluster id/);
    await refused('merge', ['1'], /merge DIR ID ID/);
    await refused('split', ['1'], /--spikes FILE/);
    const stray = join(folder.dir, '..', `stray-${process.pid}.txt`);
    writeFileSync(stray, String(spikesOf(folder.clusters, 5)[0]));
    await refused('split', ['1', '--spikes', stray], /is not in cluster 1/);
    writeFileSync(stray, '12 abc');
    await refused('split', ['1', '--spikes', stray], /'abc' is not a spike index/);
    rmSync(stray);
    assert.deepEqual(readFileSync(join(folder.dir, 'spike_clusters.npy')), before);
  });

  test('--clear removes a custom field value', async () => {
    await run('label', '4', '--field', 'quality', '--as', 'great');
    await run('label', '4', '--field', 'quality', '--clear');
    await run('label', '5', '--field', 'quality', '--as', 'ok');
    await run('save');
    assert.equal(
      readFileSync(join(folder.dir, 'cluster_quality.tsv'), 'utf8'),
      'cluster_id\tquality\r\n5\tok\r\n',
    );
  });
});
