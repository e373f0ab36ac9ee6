/**
 * @file Per-spike readers: spike times started in the background join to exactly what the
 * synchronous reader returns or throws, and an invalid spike_times.npy is still the first error
 * openDataset reports when later files are broken too.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import {
  readSpikeTimes,
  startReadSpikeTimes,
} from '../../../../electron/core/dataset/per-spike.js';
import { npyBytes } from '../../../helpers/npy-bytes.js';
import { npyOf, writeMiniDataset } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-per-spike-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function file(bytes: Uint8Array): string {
  const path = join(root, `spike_times${n++}.npy`);
  writeFileSync(path, bytes);
  return path;
}

/** What fn returns (as a plain array) or the message it throws. */
function outcome(fn: () => Float64Array): number[] | string {
  try {
    return [...fn()];
  } catch (err) {
    return `${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
}

/** Big-endian int64 bytes, written with DataView independently of the reader. */
function bigEndianI8(values: bigint[]): Uint8Array {
  const data = new Uint8Array(values.length * 8);
  values.forEach((v, i) => new DataView(data.buffer).setBigInt64(i * 8, v, false));
  return npyBytes({ descr: '>i8', shape: [values.length], data });
}

const FILES: Array<[string, Uint8Array]> = [
  ['sorted int64', npyOf('<i8', [5], [0n, 3n, 3n, 90n, 2n ** 52n])],
  ['big-endian int64', bigEndianI8([1n, 2n, 300000n])],
  ['unsorted int64', npyOf('<i8', [4], [0n, 9n, 8n, 10n])],
  ['negative int64', npyOf('<i8', [2], [-5n, 1n])],
  ['beyond 2^53', npyOf('<i8', [2], [1n, 2n ** 53n + 2n])],
  ['unsorted big-endian', bigEndianI8([7n, 6n])],
  ['float64 with NaN', npyOf('<f8', [3], [0, NaN, 2])],
  ['float64 negative', npyOf('<f8', [2], [-1.5, 2])],
  ['float32', npyOf('<f4', [3], [1, 2, 2.5])],
  ['int32 unsorted', npyOf('<i4', [3], [1, 3, 2])],
  ['empty', npyOf('<i8', [0], [])],
];

describe('startReadSpikeTimes', () => {
  for (const [name, bytes] of FILES) {
    it(`${name}: same result or error on the worker as readSpikeTimes`, () => {
      const path = file(bytes);
      const sync = NpyReader.open(path, 'spike_times.npy');
      const background = NpyReader.open(path, 'spike_times.npy');
      const pending = startReadSpikeTimes(background, 0);
      assert.equal(pending.length, sync.size);
      const expected = outcome(() => readSpikeTimes(sync));
      assert.deepEqual(
        outcome(() => pending.join()),
        expected,
      );
      assert.deepEqual(
        outcome(() => pending.join()),
        expected,
        'a second join agrees',
      );
      sync.close();
      background.close();
    });
  }

  it('reads small files right away (below the threshold no worker is started)', () => {
    const reader = NpyReader.open(file(npyOf('<i8', [2], [5n, 1n])), 'spike_times.npy');
    assert.throws(() => startReadSpikeTimes(reader, 10), /spike 1 \(1\) comes before spike 0/);
    reader.close();
  });

  it('throws a shape error at start, as readSpikeTimes would', () => {
    const bytes = npyOf('<i8', [2, 2], [1n, 2n, 3n, 4n]);
    const reader = NpyReader.open(file(bytes), 'spike_times.npy');
    assert.throws(() => startReadSpikeTimes(reader, 0), /expected a vector, found shape \(2, 2\)/);
    reader.close();
  });
});

describe('openDataset with spike times in the background', () => {
  it('reports invalid spike times before errors in files read meanwhile', () => {
    const dir = join(root, 'two-faults');
    mkdirSync(dir);
    writeMiniDataset(dir);
    const times = Array.from({ length: 12 }, (_, i) => BigInt(i === 5 ? 0 : 100 + i));
    writeFileSync(join(dir, 'spike_times.npy'), npyOf('<i8', [12], times));
    writeFileSync(join(dir, 'spike_clusters.npy'), npyOf('<i4', [12], Array(12).fill(-1)));
    writeFileSync(join(dir, 'templates.npy'), npyOf('<f4', [2], [1, 2]));
    const expected = /spike_times\.npy: spike times are not sorted: spike 5 \(0\)/;
    assert.throws(() => openDataset(dir), expected);
    assert.throws(() => openDataset(dir, { backgroundMinSpikes: 0 }), expected);
    // With valid times, the next problem in reading order shows, in both modes.
    writeFileSync(
      join(dir, 'spike_times.npy'),
      npyOf(
        '<i8',
        [12],
        times.map((_, i) => BigInt(i)),
      ),
    );
    const clusters = /spike_clusters\.npy: entry 0 is negative/;
    assert.throws(() => openDataset(dir), clusters);
    assert.throws(() => openDataset(dir, { backgroundMinSpikes: 0 }), clusters);
  });
});
