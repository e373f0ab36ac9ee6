import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { computeClusterRows } from '../../../../electron/core/analysis/cluster-stats.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { npyOf, writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-ampcache-'));
const previous = process.env.KILOCURATE_USER_DATA;
process.env.KILOCURATE_USER_DATA = join(root, 'user');
after(() => {
  process.env.KILOCURATE_USER_DATA = previous;
  rmSync(root, { recursive: true, force: true });
});

describe('template amplitude cache', () => {
  it('is written on the first table, reused after, never inside the dataset, and invalidated by a new templates.npy', () => {
    const dir = join(root, 'ds');
    mkdirSync(dir);
    writeMiniDataset(dir);
    const first = computeClusterRows(openDataset(dir)).map((r) => [r.amp, r.bestChannel]);
    const cacheDir = join(root, 'user', 'cache');
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.equal(
      existsSync(join(dir, '.kilocurate')),
      false,
      'nothing written in the dataset folder',
    );
    const second = computeClusterRows(openDataset(dir)).map((r) => [r.amp, r.bestChannel]);
    assert.deepEqual(second, first);

    // New templates (template 0 now peaks on channel 3 with amplitude 30): a new cache entry.
    const templates: number[] = [];
    for (let t = 0; t < 3; t++)
      for (let s = 0; s < 5; s++)
        for (let c = 0; c < 4; c++)
          templates.push(s === 2 ? -(t === 0 ? (c === 3 ? 30 : 1) : c === t ? 10 : 1) : 0);
    writeFileSync(join(dir, 'templates.npy'), npyOf('<f4', [3, 5, 4], templates));
    utimesSync(join(dir, 'templates.npy'), new Date(), new Date(Date.now() + 5000));
    const third = computeClusterRows(openDataset(dir));
    assert.equal(third[0]?.bestChannel, 3);
    assert.equal(third[0]?.amp, 30);
    assert.equal(readdirSync(cacheDir).length, 2);
  });
});
