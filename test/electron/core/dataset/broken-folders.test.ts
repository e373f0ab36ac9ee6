/**
 * The corpus of broken folders: each must fail (or load with a warning) with a message naming
 * the file and the problem; nothing may crash, and nothing in the folder may be written.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { computeClusterRows } from '../../../../electron/core/analysis/cluster-stats.js';
import { DatasetError } from '../../../../electron/core/dataset/dataset-error.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { npyBytes } from '../../../helpers/npy-bytes.js';
import { MINI, npyOf, writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-broken-'));
after(() => rmSync(root, { recursive: true, force: true }));
const MARKER = join(root, 'pwned');

type Break = (dir: string) => void;
const put =
  (name: string, bytes: Uint8Array | string): Break =>
  (dir) =>
    writeFileSync(join(dir, name), bytes);
const remove =
  (name: string): Break =>
  (dir) =>
    unlinkSync(join(dir, name));

/** [name, how to break the mini dataset, expected outcome] */
const ERRORS: Array<[string, Break, RegExp]> = [
  [
    'missing spike_times.npy',
    remove('spike_times.npy'),
    /^spike_times\.npy: required file is missing/,
  ],
  [
    'missing channel_map.npy',
    remove('channel_map.npy'),
    /^channel_map\.npy: required file is missing/,
  ],
  [
    'no clusters and no templates',
    (d) => {
      unlinkSync(join(d, 'spike_clusters.npy'));
      unlinkSync(join(d, 'spike_templates.npy'));
    },
    /^spike_clusters\.npy: missing, and spike_templates\.npy is missing too/,
  ],
  ['empty spike_times.npy', put('spike_times.npy', ''), /^spike_times\.npy: the file is empty/],
  [
    'truncated spike_times.npy',
    (d) => truncateSync(join(d, 'spike_times.npy'), 128 + 40),
    /^spike_times\.npy: truncated/,
  ],
  [
    'truncated header',
    (d) => truncateSync(join(d, 'spike_clusters.npy'), 20),
    /^spike_clusters\.npy: truncated \.npy header/,
  ],
  [
    'corrupt magic',
    put('spike_templates.npy', 'PK\u0003\u0004 this is a zip'),
    /^spike_templates\.npy: not a \.npy file/,
  ],
  [
    'object array',
    put('spike_clusters.npy', npyBytes({ descr: '|O', shape: [12], data: new Uint8Array(96) })),
    /^spike_clusters\.npy: object arrays \(Python pickles\) are refused/,
  ],
  [
    'string dtype',
    put('spike_times.npy', npyBytes({ descr: '<U4', shape: [12], data: new Uint8Array(192) })),
    /^spike_times\.npy: unsupported dtype '<U4'/,
  ],
  [
    'complex dtype',
    put('amplitudes.npy', npyBytes({ descr: '<c8', shape: [12], data: new Uint8Array(96) })),
    /^amplitudes\.npy: unsupported dtype '<c8'/,
  ],
  [
    '2-D spike_times',
    put(
      'spike_times.npy',
      npyOf(
        '<i8',
        [6, 2],
        Array.from({ length: 12 }, (_, i) => BigInt(i)),
      ),
    ),
    /^spike_times\.npy: expected a vector, found shape \(6, 2\)/,
  ],
  [
    'fewer clusters than spikes',
    put('spike_clusters.npy', npyOf('<i4', [11], Array(11).fill(0))),
    /^spike_clusters\.npy: has 11 spikes, but spike_times\.npy has 12/,
  ],
  [
    'more templates than spikes',
    put('spike_templates.npy', npyOf('<i4', [13], Array(13).fill(0))),
    /^spike_templates\.npy: has 13 spikes, but spike_times\.npy has 12/,
  ],
  [
    'unsorted spike times',
    put(
      'spike_times.npy',
      npyOf('<i8', [12], [5n, 4n, 6n, 7n, 8n, 9n, 10n, 11n, 12n, 13n, 14n, 15n]),
    ),
    /^spike_times\.npy: spike times are not sorted: spike 1 \(4\) comes before spike 0 \(5\)/,
  ],
  [
    'NaN spike time',
    put('spike_times.npy', npyOf('<f8', [12], [0, 1, NaN, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
    /^spike_times\.npy: spike 2 has a non-finite time \(NaN\)/,
  ],
  [
    'infinite spike time',
    put('spike_times.npy', npyOf('<f8', [12], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Infinity])),
    /^spike_times\.npy: spike 11 has a non-finite time \(Infinity\)/,
  ],
  [
    'negative spike time',
    put('spike_times.npy', npyOf('<i8', [12], [-3n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n])),
    /^spike_times\.npy: spike 0 has a negative time/,
  ],
  [
    'negative cluster id',
    put('spike_clusters.npy', npyOf('<i4', [12], [0, 1, -1, 0, 1, 2, 0, 1, 2, 0, 1, 2])),
    /^spike_clusters\.npy: entry 2 is negative/,
  ],
  [
    'fractional template index',
    put('spike_templates.npy', npyOf('<f8', [12], [0, 1, 2.5, 0, 1, 2, 0, 1, 2, 0, 1, 2])),
    /^spike_templates\.npy: entry 2 is not an integer \(2\.5\)/,
  ],
  [
    'NaN cluster id',
    put('spike_clusters.npy', npyOf('<f4', [12], [0, 1, NaN, 0, 1, 2, 0, 1, 2, 0, 1, 2])),
    /^spike_clusters\.npy: entry 2 is not an integer \(NaN\)/,
  ],
  [
    'template index out of range',
    put('spike_templates.npy', npyOf('<i4', [12], [0, 1, 7, 0, 1, 2, 0, 1, 2, 0, 1, 2])),
    /^spike_templates\.npy: refers to template 7, but there are only 3 templates/,
  ],
  [
    'channel_map beyond n_channels_dat',
    put('channel_map.npy', npyOf('<i4', [4], [0, 1, 2, 9])),
    /^channel_map\.npy: entry 3 is channel 9, but params\.py says n_channels_dat = 4/,
  ],
  [
    'positions of the wrong shape',
    put('channel_positions.npy', npyOf('<f8', [3, 2], [0, 0, 0, 20, 0, 40])),
    /^channel_positions\.npy: shape \(3, 2\) does not match 4 channels/,
  ],
  [
    'templates not 3-D',
    put('templates.npy', npyOf('<f4', [3, 20], Array(60).fill(0))),
    /^templates\.npy: shape \(3, 20\) is not \(n_templates, n_samples, n_channels\)/,
  ],
  [
    'templates with the wrong channel count',
    put('templates.npy', npyOf('<f4', [3, 5, 5], Array(75).fill(0))),
    /^templates\.npy: has 5 channels, but channel_map\.npy has 4/,
  ],
  [
    'similar_templates not square',
    put('similar_templates.npy', npyOf('<f4', [3, 2], Array(6).fill(0))),
    /^similar_templates\.npy: shape \(3, 2\) is not square/,
  ],
  [
    'similar_templates vs templates',
    put('similar_templates.npy', npyOf('<f4', [2, 2], [1, 0, 0, 1])),
    /^similar_templates\.npy: is 2×2, but templates\.npy has 3 templates/,
  ],
  [
    'pc_features row count',
    (d) => {
      writeFileSync(join(d, 'pc_features.npy'), npyOf('<f4', [10, 3, 2], Array(60).fill(0)));
      writeFileSync(join(d, 'pc_feature_ind.npy'), npyOf('<i4', [3, 2], [0, 1, 1, 2, 2, 3]));
    },
    /^pc_features\.npy: has 10 rows, expected 12/,
  ],
  [
    'pc_feature_ind out of range',
    (d) => {
      writeFileSync(join(d, 'pc_features.npy'), npyOf('<f4', [12, 3, 2], Array(72).fill(0)));
      writeFileSync(join(d, 'pc_feature_ind.npy'), npyOf('<i4', [3, 2], [0, 1, 1, 2, 2, 8]));
    },
    /^pc_feature_ind\.npy: entry 5 refers to channel 8, outside 0\.\.3/,
  ],
  [
    'duplicated cluster_id in a TSV',
    put('cluster_group.tsv', 'cluster_id\tgroup\n0\tgood\n0\tmua\n'),
    /^cluster_group\.tsv: duplicated cluster_id 0/,
  ],
  [
    'non-integer cluster_id in a TSV',
    put('cluster_KSLabel.tsv', 'cluster_id\tKSLabel\nzero\tgood\n'),
    /^cluster_KSLabel\.tsv: line 2: cluster_id 'zero' is not an integer/,
  ],
  [
    'cluster_group.tsv without cluster_id',
    put('cluster_group.tsv', 'id\tgroup\n0\tgood\n'),
    /^cluster_group\.tsv: no cluster_id column/,
  ],
  [
    'spike_times.npy is a folder',
    (d) => {
      unlinkSync(join(d, 'spike_times.npy'));
      mkdirSync(join(d, 'spike_times.npy'));
    },
    /^spike_times\.npy: is a directory/,
  ],
];

/** Breaks that must load, with a warning naming the file. */
const WARNINGS: Array<[string, Break, RegExp]> = [
  [
    'NaN amplitudes',
    put('amplitudes.npy', npyOf('<f4', [12], [1, NaN, 1, 1, Infinity, 1, 1, 1, 1, 1, 1, 1])),
    /^amplitudes\.npy: 2 non-finite values \(NaN\/inf\) replaced by 0/,
  ],
  [
    'hostile params.py: import and os.system',
    put(
      'params.py',
      `import os\nos.system('touch ${MARKER}')\nsample_rate = 30000.\nn_channels_dat = 4\ndtype = 'int16'\ndat_path = 'raw.bin'\n`,
    ),
    /params\.py.*line 1/,
  ],
  [
    'hostile params.py: exec',
    put('params.py', `exec("open('${MARKER}', 'w')")\nsample_rate = 30000.\n`),
    /params\.py.*line 1/,
  ],
  [
    'hostile params.py: open()',
    put('params.py', `sample_rate = 30000.\ndat_path = open('${MARKER}', 'w').name\n`),
    /params\.py.*line 2/,
  ],
  [
    'hostile params.py: dunder call',
    put(
      'params.py',
      `dat_path = __import__('os').system('touch ${MARKER}')\nsample_rate = 30000.\n`,
    ),
    /params\.py.*line 1/,
  ],
  [
    'hostile params.py: dunder attribute chain',
    put('params.py', `x = ().__class__.__bases__[0].__subclasses__()\nsample_rate = 30000.\n`),
    /params\.py.*line 1/,
  ],
  [
    'params.py with a wrongly typed value',
    put('params.py', `sample_rate = 'fast'\nn_channels_dat = 4\n`),
    /sample_rate/,
  ],
  [
    'pc_features without pc_feature_ind',
    put('pc_features.npy', npyOf('<f4', [12, 3, 2], Array(72).fill(0))),
    /pc_feature_ind\.npy is missing: features disabled/,
  ],
  [
    'spike_positions of another length',
    put('spike_positions.npy', npyOf('<f4', [5, 2], Array(10).fill(0))),
    /spike_positions\.npy: has 5 rows for 12 spikes; ignored/,
  ],
  [
    'a TSV that is not a label file',
    put('notes.tsv', 'a\tb\n1\t2\n'),
    /notes\.tsv: not a cluster label file/,
  ],
];

function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((n) => {
      const s = statSync(join(dir, n));
      return `${n}:${s.size}:${s.mtimeMs}:${s.isDirectory() ? 'dir' : readFileSync(join(dir, n)).toString('base64')}`;
    })
    .join('\n');
}

let n = 0;
function brokenFolder(breakIt: Break): string {
  const dir = join(root, `case${n++}`);
  mkdirSync(dir);
  writeMiniDataset(dir);
  breakIt(dir);
  return dir;
}

describe('broken folders', () => {
  it('the unbroken mini dataset loads', () => {
    const ds = openDataset(brokenFolder(() => {}));
    assert.equal(ds.nSpikes, MINI.nSpikes);
    assert.equal(computeClusterRows(ds).length, 3);
    ds.close();
  });

  for (const [name, breakIt, pattern] of ERRORS) {
    it(`error: ${name}`, () => {
      const dir = brokenFolder(breakIt);
      const before = snapshot(dir);
      assert.throws(
        () => openDataset(dir),
        (err: unknown) => {
          assert.ok(err instanceof DatasetError, `not a DatasetError: ${String(err)}`);
          assert.match(err.message, pattern);
          return true;
        },
      );
      assert.equal(snapshot(dir), before, 'the folder was modified');
    });
  }

  // The same corpus with spike times read on a worker thread: the very same first error.
  for (const [name, breakIt] of ERRORS) {
    it(`error with spike times read in the background: ${name}`, () => {
      const dir = brokenFolder(breakIt);
      const message = (fn: () => unknown) => {
        try {
          fn();
        } catch (err) {
          return err instanceof DatasetError ? err.message : `not a DatasetError: ${String(err)}`;
        }
        return 'no error';
      };
      assert.equal(
        message(() => openDataset(dir, { backgroundMinSpikes: 0 })),
        message(() => openDataset(dir)),
      );
    });
  }

  for (const [name, breakIt, pattern] of WARNINGS) {
    it(`warning: ${name}`, () => {
      const dir = brokenFolder(breakIt);
      const before = snapshot(dir);
      const ds = openDataset(dir);
      computeClusterRows(ds);
      ds.amplitudes();
      ds.spikePositions();
      ds.close();
      assert.ok(
        ds.warnings.some((w) => pattern.test(w)),
        `no warning matching ${pattern}: ${JSON.stringify(ds.warnings)}`,
      );
      assert.equal(snapshot(dir), before, 'the folder was modified');
      assert.equal(existsSync(MARKER), false, 'params.py code was executed');
    });
  }

  it('a folder that does not exist', () => {
    assert.throws(() => openDataset(join(root, 'nope')), /nope: folder not found/);
  });

  it('the corpus holds at least 30 broken folders', () => {
    assert.ok(ERRORS.length + WARNINGS.length >= 30);
  });
});
