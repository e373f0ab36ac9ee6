/**
 * @file Tests of the .npy writer against bytes numpy 2.4 writes (hex dumps and SHA-256 digests
 * produced with python3/numpy while developing), round trips, and the streaming writer's checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DTYPES } from '../../../../electron/core/dataset/npy-dtype.js';
import {
  NpyStreamWriter,
  encodeNpyHeader,
  saveNpy,
} from '../../../../electron/core/dataset/npy-writer.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** numpy header bytes: 10-byte prefix + dict text + spaces to 127 bytes + '\n' (all 128 long). */
function numpyHeader128(dict: string): string {
  const prefix = '934e554d505901007600';
  return prefix + Buffer.from(dict.padEnd(117, ' ') + '\n', 'latin1').toString('hex');
}

function withTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'npy-writer-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('header bytes equal numpy for 1-D, 2-D Fortran, 0-d and 3-D shapes', () => {
  // Hex strings copied from numpy 2.4.6 `_write_array_header` output.
  const cases: [Buffer, string][] = [
    [
      encodeNpyHeader(DTYPES.int32, [10]),
      '934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a202831302c292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a',
    ],
    [
      encodeNpyHeader(DTYPES.float64, [3, 4], true),
      '934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028332c2034292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a',
    ],
    [
      encodeNpyHeader(DTYPES.float32, []),
      '934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a',
    ],
    [
      encodeNpyHeader(DTYPES.float32, [20_000_000, 6, 10]),
      '934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a202832303030303030302c20362c203130292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a',
    ],
  ];
  for (const [actual, expected] of cases) assert.equal(actual.toString('hex'), expected);
});

test('header text layout: descr spelling, 1-tuple comma, growth padding', () => {
  const bool = encodeNpyHeader(DTYPES.bool, [5]);
  const dict = "{'descr': '|b1', 'fortran_order': False, 'shape': (5,), }";
  assert.equal(bool.toString('hex'), numpyHeader128(dict));
  // The header length does not depend on the first axis' digits (numpy's growth padding).
  assert.equal(encodeNpyHeader(DTYPES.int64, [0]).length, 128);
  assert.equal(encodeNpyHeader(DTYPES.int64, [123456789012345]).length, 128);
});

test('a header that is already 64-aligned gets a full extra 64-byte pad, like numpy', () => {
  const h = encodeNpyHeader(DTYPES.float64, new Array<number>(36).fill(1));
  assert.equal(h.length, 256);
  assert.equal(sha256(h), 'ce17e3866ad5470a659132e94fdebdcb1fe7fa8b28f8a1569ef3090f0e12de6c');
});

test('format 2.0 with a uint32 length only when the header exceeds 65535 bytes', () => {
  const h = encodeNpyHeader(DTYPES.uint16, new Array<number>(30000).fill(7));
  assert.equal(h.length, 90112);
  assert.equal(h.subarray(0, 12).toString('hex'), '934e554d50590200f45f0100');
  assert.equal(sha256(h), 'cbe0931ee52030f6f8802c3c01c8d3e9964ea4a3e10773643eaffe9413ca0ddc');
});

test('invalid shapes are refused', () => {
  assert.throws(() => encodeNpyHeader(DTYPES.int32, [-1]));
  assert.throws(() => encodeNpyHeader(DTYPES.int32, [1.5]));
});

test('saveNpy files are byte-identical to np.save', () => {
  withTempDir((dir) => {
    const p1 = join(dir, 'a.npy');
    saveNpy(p1, new BigInt64Array([1n, -2n, 3n]));
    const b1 = readFileSync(p1);
    assert.equal(b1.length, 152);
    assert.equal(sha256(b1), '9f3d852ff78698fc326474202770ffbc95c4e0798248863ffc2e1652b21a0da0');

    const p2 = join(dir, 'b.npy');
    const f = new Float32Array(12);
    for (let i = 0; i < 12; i++) f[i] = Math.fround(i / 3);
    saveNpy(p2, f, [3, 4]);
    assert.equal(
      sha256(readFileSync(p2)),
      '7455162873f5e7ac76398eb624dfb2038ded952cc74179976364d2a187884784',
    );

    const p3 = join(dir, 'c.npy');
    saveNpy(p3, new Uint8Array([1, 0, 1]), [3], DTYPES.bool);
    assert.equal(
      sha256(readFileSync(p3)),
      '67c5322b3a41bd511d187bf14aa4032195ab34034d7c31199d9408522483f689',
    );
  });
});

test('round trip through the reader for every integer and float dtype', () => {
  withTempDir((dir) => {
    const arrays = [
      new Int8Array([-128, 0, 127]),
      new Uint8Array([0, 255, 7]),
      new Int16Array([-32768, 1, 32767]),
      new Uint16Array([0, 65535, 9]),
      new Int32Array([-(2 ** 31), 0, 2 ** 31 - 1]),
      new Uint32Array([0, 2 ** 32 - 1, 5]),
      new BigInt64Array([-(2n ** 63n), 0n, 2n ** 63n - 1n]),
      new BigUint64Array([0n, 2n ** 64n - 1n, 3n]),
      new Float32Array([-1.5, 0, 3.25]),
      new Float64Array([Math.PI, -0, 1e300]),
    ];
    arrays.forEach((arr, i) => {
      const path = join(dir, `${i}.npy`);
      saveNpy(path, arr);
      const r = NpyReader.open(path);
      try {
        assert.deepEqual(r.shape, [3]);
        assert.deepEqual(
          Array.from(r.readAll() as ArrayLike<unknown>),
          Array.from(arr as ArrayLike<unknown>),
        );
      } finally {
        r.close();
      }
    });
  });
});

test('saveNpy refuses a shape that does not match the data or a mismatched dtype', () => {
  withTempDir((dir) => {
    assert.throws(() => saveNpy(join(dir, 'x.npy'), new Int32Array(6), [4, 2]), /elements/);
    assert.throws(
      () => saveNpy(join(dir, 'y.npy'), new Int32Array(3), [3], DTYPES.float32),
      /does not hold dtype/,
    );
  });
});

test('streaming writer: chunks that straddle rows, count verified on close', () => {
  withTempDir((dir) => {
    const path = join(dir, 's.npy');
    const w = NpyStreamWriter.open(path, DTYPES.float32, [5, 3]);
    const all = Float32Array.from({ length: 15 }, (_, i) => i * 0.5);
    w.append(all.subarray(0, 4));
    w.append(all.subarray(4, 11));
    w.append(all.subarray(11));
    assert.deepEqual(w.close(), [5, 3]);
    const expected = Buffer.concat([
      encodeNpyHeader(DTYPES.float32, [5, 3]),
      Buffer.from(all.buffer),
    ]);
    assert.equal(sha256(readFileSync(path)), sha256(expected));

    const short = NpyStreamWriter.open(join(dir, 'short.npy'), DTYPES.int16, [4]);
    short.append(new Int16Array(3));
    assert.throws(() => short.close(), /wrote 3 elements, shape needs 4/);

    const long = NpyStreamWriter.open(join(dir, 'long.npy'), DTYPES.int16, [4]);
    long.append(new Int16Array(3));
    assert.throws(() => long.append(new Int16Array(2)), /too many elements/);
    long.abort();
    assert.throws(() => long.append(new Int16Array(1)), /closed/);
  });
});

test('streaming writer with an open first axis patches the header to np.save bytes', () => {
  withTempDir((dir) => {
    const path = join(dir, 'open.npy');
    const w = NpyStreamWriter.open(path, DTYPES.int32, [null, 2]);
    for (let i = 0; i < 1000; i++) w.append(new Int32Array([i, -i]));
    assert.deepEqual(w.close(), [1000, 2]);
    const data = new Int32Array(2000);
    for (let i = 0; i < 1000; i++) {
      data[2 * i] = i;
      data[2 * i + 1] = -i;
    }
    const expected = Buffer.concat([
      encodeNpyHeader(DTYPES.int32, [1000, 2]),
      Buffer.from(data.buffer),
    ]);
    assert.equal(sha256(readFileSync(path)), sha256(expected));

    const ragged = NpyStreamWriter.open(join(dir, 'ragged.npy'), DTYPES.int32, [null, 2]);
    ragged.append(new Int32Array(3));
    assert.throws(() => ragged.close(), /whole number of rows/);
  });
});
