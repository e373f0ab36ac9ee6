/**
 * @file The worker path of the per-spike readers gives exactly the arrays of the single-threaded
 * path (every dtype, both byte orders), declines invalid data (so the caller's own read reports
 * the exact error), and groups cluster ids exactly as the spike index does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SpikesPerCluster, denseIdLimit } from '../../../../shared/curation/spike-index.js';
import { Random } from '../../../../shared/util/random.js';
import { BackgroundRead } from '../../../../electron/core/dataset/background-read.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import {
  readIndexVectorWithMax,
  readSpikeTimes,
} from '../../../../electron/core/dataset/per-spike.js';
import { npyBytes } from '../../../helpers/npy-bytes.js';

const root = mkdtempSync(join(tmpdir(), 'kc-background-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Setter = (view: DataView, offset: number, value: number, le: boolean) => void;
const SETTERS: Record<string, [number, Setter]> = {
  i8: [8, (v, o, x, le) => v.setBigInt64(o, BigInt(x), le)],
  u8: [8, (v, o, x, le) => v.setBigUint64(o, BigInt(x), le)],
  f8: [8, (v, o, x, le) => v.setFloat64(o, x, le)],
  f4: [4, (v, o, x, le) => v.setFloat32(o, x, le)],
  i4: [4, (v, o, x, le) => v.setInt32(o, x, le)],
  u4: [4, (v, o, x, le) => v.setUint32(o, x, le)],
  i2: [2, (v, o, x, le) => v.setInt16(o, x, le)],
  u2: [2, (v, o, x, le) => v.setUint16(o, x, le)],
  u1: [1, (v, o, x) => v.setUint8(o, x)],
};

let fileNo = 0;
/** Writes `values` as a .npy vector of `type` ('i8', ...) in the given byte order. */
function writeNpy(type: string, values: number[], littleEndian: boolean): string {
  const [size, set] = SETTERS[type] as [number, Setter];
  const data = new Uint8Array(values.length * size);
  const view = new DataView(data.buffer);
  values.forEach((x, i) => set(view, i * size, x, littleEndian));
  const order = size === 1 ? '|' : littleEndian ? '<' : '>';
  const path = join(root, `v${fileNo++}.npy`);
  writeFileSync(path, npyBytes({ descr: `${order}${type}`, shape: [values.length], data }));
  return path;
}

function withReader<T>(path: string, fn: (reader: NpyReader) => T): T {
  const reader = NpyReader.open(path);
  try {
    return fn(reader);
  } finally {
    reader.close();
  }
}

const rng = new Random(20);
const sortedTimes = (n: number, max: number) =>
  Array.from({ length: n }, () => rng.int(max)).sort((a, b) => a - b);

describe('BackgroundRead times', () => {
  const cases: Array<[string, number]> = [
    ['i8', 2 ** 40],
    ['u8', 2 ** 45],
    ['f8', 2 ** 30],
    ['f4', 2 ** 20],
    ['i4', 2 ** 30],
    ['u2', 60000],
    ['u1', 250],
  ];
  for (const [type, max] of cases) {
    for (const littleEndian of [true, false]) {
      it(`${littleEndian ? '<' : '>'}${type}: same array as readSpikeTimes`, () => {
        const path = writeNpy(type, sortedTimes(5000, max), littleEndian);
        withReader(path, (reader) => {
          const fromWorker = BackgroundRead.start('times', reader.vectorSource()).join();
          const direct = readSpikeTimes(reader);
          assert.ok(fromWorker instanceof Float64Array);
          assert.deepEqual(fromWorker, direct);
        });
      });
    }
  }

  it('declines invalid times (unsorted, negative, NaN, beyond 2^53) with no result', () => {
    const bad: Array<[string, number[]]> = [
      ['i8', [0, 5, 4]],
      ['i8', [-1, 2]],
      ['u8', [0, 2 ** 53]],
      ['f8', [0, NaN]],
      ['f8', [-0.5, 1]],
      ['i4', [3, 2]],
    ];
    for (const [type, values] of bad) {
      const path = writeNpy(type, values, false);
      withReader(path, (reader) => {
        assert.equal(BackgroundRead.start('times', reader.vectorSource()).join(), null);
        assert.throws(() => readSpikeTimes(reader), /spike_times|v\d+\.npy: spike/);
      });
    }
  });

  it('reads through the reader’s descriptor: the file it validated, even once replaced', () => {
    const path = writeNpy('i8', [1, 2, 3], true);
    withReader(path, (reader) => {
      renameSync(writeNpy('i8', [7, 8, 9], true), path); // a new file (inode) at the same path
      const fromWorker = BackgroundRead.start('times', reader.vectorSource()).join();
      assert.deepEqual(fromWorker, Float64Array.from([1, 2, 3]));
    });
  });

  it('declines a file that turns out shorter than its header says', () => {
    const path = writeNpy('i8', [1, 2, 3], true);
    withReader(path, (reader) => {
      truncateSync(path, statSync(path).size - 8);
      assert.equal(BackgroundRead.start('times', reader.vectorSource()).join(), null);
      assert.throws(() => readSpikeTimes(reader), /unexpected end of file/);
    });
  });

  it('join is idempotent and cancel stops a job (join then returns null)', async () => {
    const path = writeNpy('i8', sortedTimes(1000, 1e9), true);
    const reader = NpyReader.open(path);
    const job = BackgroundRead.start('times', reader.vectorSource());
    const first = job.join();
    assert.equal(job.join(), first);
    const cancelled = BackgroundRead.start('times', reader.vectorSource());
    await cancelled.cancel();
    assert.equal(cancelled.join(), null);
    reader.close();
  });
});

describe('BackgroundRead grouped-index', () => {
  function check(path: string): void {
    withReader(path, (reader) => {
      const source = reader.vectorSource();
      const result = BackgroundRead.start(
        'grouped-index',
        source,
        denseIdLimit(source.count),
      ).join();
      const direct = readIndexVectorWithMax(reader);
      assert.ok(result);
      assert.deepEqual(result.values, direct.values);
      assert.equal(result.max, direct.max);
      const built = SpikesPerCluster.build(direct.values);
      assert.ok(result.groups, 'dense ids are grouped');
      const index = SpikesPerCluster.fromGroups(result.groups.order, result.groups.starts);
      assert.deepEqual([...index.clusterIds], [...built.clusterIds]);
      for (const id of built.clusterIds) assert.deepEqual(index.get(id), built.get(id));
    });
  }

  it('equals readIndexVectorWithMax + SpikesPerCluster.build for int32 (both orders)', () => {
    const ids = Array.from({ length: 20000 }, () => rng.int(300) * (rng.int(5) === 0 ? 7 : 1));
    check(writeNpy('i4', ids, true));
    check(writeNpy('i4', ids, false));
  });

  it('converts other dtypes first (int64, float64, uint16)', () => {
    const ids = Array.from({ length: 3000 }, () => rng.int(40));
    check(writeNpy('i8', ids, true));
    check(writeNpy('f8', ids, false));
    check(writeNpy('u2', ids, true));
  });

  it('returns values without groups for ids too sparse for the dense layout', () => {
    const path = writeNpy('i4', [5, 2_000_000_000, 5], true);
    withReader(path, (reader) => {
      const result = BackgroundRead.start('grouped-index', reader.vectorSource(), 100).join();
      assert.ok(result);
      assert.deepEqual([...result.values], [5, 2_000_000_000, 5]);
      assert.equal(result.max, 2_000_000_000);
      assert.equal(result.groups, null);
    });
  });

  it('declines invalid ids (negative, non-integral) and empty vectors give max -1', () => {
    for (const [type, values] of [
      ['i4', [1, -1]],
      ['f8', [1, 2.5]],
      ['i8', [1, 2 ** 31]],
    ] as Array<[string, number[]]>) {
      withReader(writeNpy(type, values, true), (reader) => {
        assert.equal(BackgroundRead.start('grouped-index', reader.vectorSource(), 99).join(), null);
        assert.throws(() => readIndexVectorWithMax(reader), /entry 1 is/);
      });
    }
    withReader(writeNpy('i4', [], true), (reader) => {
      const result = BackgroundRead.start('grouped-index', reader.vectorSource(), 99).join();
      assert.ok(result);
      assert.equal(result.max, -1);
      assert.equal(result.values.length, 0);
    });
  });
});
