/**
 * @file Writes a tiny valid Kilosort-style folder with the test-only npy builder, so tests can
 * break one thing at a time. Independent of the production writer and generator.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach } from 'node:test';
import { encodeValues, npyBytes } from './npy-bytes.js';

const setters = {
  '<i8': [8, DataView.prototype.setBigInt64],
  '<i4': [4, DataView.prototype.setInt32],
  '<u4': [4, DataView.prototype.setUint32],
  '<f4': [4, DataView.prototype.setFloat32],
  '<f8': [8, DataView.prototype.setFloat64],
} as const;

export type Descr = keyof typeof setters;

export function npyOf(descr: Descr, shape: number[], values: Array<number | bigint>): Uint8Array {
  const [size, fn] = setters[descr];
  const setter = (view: DataView, offset: number, value: never, le: boolean) =>
    (fn as unknown as (this: DataView, o: number, v: never, le: boolean) => void).call(
      view,
      offset,
      value,
      le,
    );
  return npyBytes({ descr, shape, data: encodeValues(values, size, setter, true) });
}

export const MINI = { nSpikes: 12, nChannels: 4, nTemplates: 3, nSamples: 5 };

/** Writes the mini dataset into `dir` (which must exist). */
export function writeMiniDataset(dir: string): void {
  const { nSpikes, nChannels, nTemplates, nSamples } = MINI;
  const w = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, name), bytes);
  const times = Array.from({ length: nSpikes }, (_, i) => BigInt(100 + i * 1000));
  const clusters = Array.from({ length: nSpikes }, (_, i) => i % nTemplates);
  w('spike_times.npy', npyOf('<i8', [nSpikes], times));
  w('spike_templates.npy', npyOf('<i4', [nSpikes], clusters));
  w('spike_clusters.npy', npyOf('<i4', [nSpikes], clusters));
  w(
    'amplitudes.npy',
    npyOf(
      '<f4',
      [nSpikes],
      clusters.map((c) => 10 + c),
    ),
  );
  w('channel_map.npy', npyOf('<i4', [nChannels], [0, 1, 2, 3]));
  w('channel_positions.npy', npyOf('<f8', [nChannels, 2], [0, 0, 0, 20, 0, 40, 0, 60]));
  const templates: number[] = [];
  for (let t = 0; t < nTemplates; t++)
    for (let s = 0; s < nSamples; s++)
      for (let c = 0; c < nChannels; c++) templates.push(s === 2 ? -(c === t ? 10 : 1) : 0);
  w('templates.npy', npyOf('<f4', [nTemplates, nSamples, nChannels], templates));
  w(
    'similar_templates.npy',
    npyOf('<f4', [nTemplates, nTemplates], [1, 0.5, 0.1, 0.5, 1, 0.2, 0.1, 0.2, 1]),
  );
  w(
    'params.py',
    "dat_path = 'raw.bin'\nn_channels_dat = 4\ndtype = 'int16'\noffset = 0\nsample_rate = 30000.\nhp_filtered = False\n",
  );
  w('cluster_KSLabel.tsv', 'cluster_id\tKSLabel\n0\tgood\n1\tmua\n2\tgood\n');
  w('cluster_group.tsv', 'cluster_id\tKSLabel\n0\tgood\n1\tmua\n2\tgood\n');
}

/**
 * Registers, for the calling test file, a fresh mini dataset folder before each test (all removed
 * after the file); returns a getter of the current test's folder.
 */
export function miniDatasetPerTest(prefix: string): () => string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(root, { recursive: true, force: true }));
  let dir = '';
  let n = 0;
  beforeEach(() => {
    dir = join(root, `ds${n++}`);
    mkdirSync(dir);
    writeMiniDataset(dir);
  });
  return () => dir;
}
