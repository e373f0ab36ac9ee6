import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DatasetError } from '../../../../electron/core/dataset/dataset-error.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { encodeValues, npyBytes } from '../../../helpers/npy-bytes.js';
import { SHARED_DATA } from '../../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-npy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function write(bytes: Uint8Array | string): string {
  const path = join(dir, `f${counter++}.npy`);
  writeFileSync(path, bytes);
  return path;
}

const SETTERS = {
  i1: [1, DataView.prototype.setInt8],
  u1: [1, DataView.prototype.setUint8],
  i2: [2, DataView.prototype.setInt16],
  u2: [2, DataView.prototype.setUint16],
  i4: [4, DataView.prototype.setInt32],
  u4: [4, DataView.prototype.setUint32],
  i8: [8, DataView.prototype.setBigInt64],
  u8: [8, DataView.prototype.setBigUint64],
  f4: [4, DataView.prototype.setFloat32],
  f8: [8, DataView.prototype.setFloat64],
} as const;

function setterCall(fn: (...a: never[]) => void) {
  return (view: DataView, offset: number, value: never, le: boolean) =>
    (fn as unknown as (this: DataView, o: number, v: never, le: boolean) => void).call(
      view,
      offset,
      value,
      le,
    );
}

describe('NpyReader dtypes and byte orders', () => {
  for (const [code, [size, setter]] of Object.entries(SETTERS)) {
    for (const le of [true, false]) {
      it(`reads ${le ? '<' : '>'}${code}`, () => {
        const big = code.endsWith('8') && code[0] !== 'f';
        const values: Array<number | bigint> = big
          ? [0n, 1n, code === 'i8' ? -5n : 5n, 2n ** 40n + 3n]
          : code[0] === 'f'
            ? [0, 1.5, -2.25, 1e10]
            : [0, 1, code[0] === 'i' ? -7 : 7, 100];
        const order = size === 1 ? '|' : le ? '<' : '>';
        const path = write(
          npyBytes({
            descr: `${order}${code}`,
            shape: [values.length],
            data: encodeValues(values, size, setterCall(setter), le),
          }),
        );
        const reader = NpyReader.open(path);
        const got = Array.from(reader.readVector() as unknown as ArrayLike<number | bigint>);
        reader.close();
        const expected = code === 'f4' ? values.map((v) => Math.fround(v as number)) : values;
        assert.deepEqual(got, expected);
      });
    }
  }

  it('reads bool as 0/1 bytes', () => {
    const path = write(npyBytes({ descr: '|b1', shape: [3], data: new Uint8Array([1, 0, 1]) }));
    assert.deepEqual(Array.from(NpyReader.open(path).readVector() as ArrayLike<number>), [1, 0, 1]);
  });
});

describe('NpyReader versions, shapes and layouts', () => {
  const data = encodeValues([1, 2, 3, 4, 5, 6], 4, setterCall(DataView.prototype.setInt32), true);
  for (const version of [1, 2, 3] as const) {
    it(`reads format version ${version}.0`, () => {
      const r = NpyReader.open(write(npyBytes({ descr: '<i4', shape: [6], data, version })));
      assert.deepEqual(r.header.version, [version, 0]);
      assert.deepEqual(Array.from(r.readVector() as ArrayLike<number>), [1, 2, 3, 4, 5, 6]);
    });
  }

  it('accepts vectors stored as (N,1) and (1,N), refuses (2,3) as a vector', () => {
    for (const shape of [
      [6, 1],
      [1, 6],
    ]) {
      const r = NpyReader.open(write(npyBytes({ descr: '<i4', shape, data })));
      assert.deepEqual(Array.from(r.readVector() as ArrayLike<number>), [1, 2, 3, 4, 5, 6]);
    }
    const r = NpyReader.open(write(npyBytes({ descr: '<i4', shape: [2, 3], data })));
    assert.throws(() => r.readVector(), /expected a vector, found shape \(2, 3\)/);
  });

  it('reads C and Fortran 3-D arrays identically, by row ranges and row sets', () => {
    const shape = [4, 3, 2];
    const c: number[] = [];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) c.push(100 * i + 10 * j + k);
    const f: number[] = [];
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) f.push(100 * i + 10 * j + k);
    const enc = (v: number[]) =>
      encodeValues(v, 4, setterCall(DataView.prototype.setFloat32), true);
    const rc = NpyReader.open(write(npyBytes({ descr: '<f4', shape, data: enc(c) })));
    const rf = NpyReader.open(
      write(npyBytes({ descr: '<f4', shape, data: enc(f), fortran: true })),
    );
    assert.deepEqual(Array.from(rf.readAll() as ArrayLike<number>), c);
    assert.deepEqual(Array.from(rc.readRows(1, 3) as ArrayLike<number>), c.slice(6, 18));
    assert.deepEqual(Array.from(rf.readRows(1, 3) as ArrayLike<number>), c.slice(6, 18));
    const rows = [3, 0, 1, 2, 2];
    const expected = rows.flatMap((r) => c.slice(r * 6, r * 6 + 6));
    assert.deepEqual(Array.from(rc.readRowSet(rows) as ArrayLike<number>), expected);
    assert.deepEqual(Array.from(rf.readRowSet(rows) as ArrayLike<number>), expected);
    assert.throws(() => rc.readRowSet([4]), RangeError);
  });
});

describe('NpyReader refuses bad files with a message naming the file', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['missing', () => join(dir, 'nope.npy'), /nope\.npy: file not found/],
    ['empty', () => write(new Uint8Array(0)), /the file is empty/],
    ['bad magic', () => write('hello world, not numpy'), /not a \.npy file/],
    [
      'truncated data',
      () => write(npyBytes({ descr: '<f8', shape: [10], data: new Uint8Array(40) })),
      /truncated: shape \(10\) needs \d+ bytes, the file has \d+/,
    ],
    [
      'truncated header',
      () => write(npyBytes({ descr: '<f8', shape: [1], data: new Uint8Array(8) }).subarray(0, 30)),
      /truncated \.npy header/,
    ],
    [
      'object array',
      () => write(npyBytes({ descr: '|O', shape: [1], data: new Uint8Array(8) })),
      /object arrays \(Python pickles\) are refused/,
    ],
    [
      'unicode strings',
      () => write(npyBytes({ descr: '<U8', shape: [1], data: new Uint8Array(32) })),
      /unsupported dtype '<U8'/,
    ],
    [
      'complex',
      () => write(npyBytes({ descr: '<c16', shape: [1], data: new Uint8Array(16) })),
      /unsupported dtype '<c16'/,
    ],
    [
      'corrupt dict',
      () =>
        write(
          npyBytes({
            descr: '<f8',
            shape: [1],
            data: new Uint8Array(8),
            dictText: "{'descr': '<f8'}",
          }),
        ),
      /corrupt \.npy header: no valid 'fortran_order' entry/,
    ],
    [
      'bad shape',
      () =>
        write(
          npyBytes({
            descr: '<f8',
            shape: [1],
            data: new Uint8Array(8),
            dictText: "{'descr': '<f8', 'fortran_order': False, 'shape': (x,), }",
          }),
        ),
      /bad shape/,
    ],
    [
      'structured',
      () =>
        write(
          npyBytes({
            descr: '',
            shape: [1],
            data: new Uint8Array(8),
            dictText: "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
          }),
        ),
      /structured \(record\) arrays are not supported/,
    ],
  ];
  for (const [name, make, pattern] of cases) {
    it(name, () => {
      const path = make();
      assert.throws(
        () => NpyReader.open(path),
        (err: unknown) => err instanceof DatasetError && pattern.test(err.message),
      );
    });
  }

  it('unreadable permissions', (t) => {
    if (process.getuid?.() === 0) return t.skip('running as root: permissions are not enforced');
    const path = write(npyBytes({ descr: '<f8', shape: [1], data: new Uint8Array(8) }));
    chmodSync(path, 0o000);
    assert.throws(() => NpyReader.open(path), /permission denied/);
  });
});

describe('NpyReader on real sorter outputs (values checked with numpy)', () => {
  const data = SHARED_DATA;
  it('phy-data-template: Fortran-ordered float32 templates and pc_features', () => {
    const t = NpyReader.open(join(data, 'phy-data-template/templates.npy'));
    assert.deepEqual(t.shape, [64, 82, 32]);
    assert.equal(t.header.fortranOrder, true);
    const row3 = t.readRows(3, 4);
    assert.equal(row3[40 * 32 + 5], Math.fround(-0.13185495138168335));
    const pcs = NpyReader.open(join(data, 'phy-data-template/pc_features.npy'));
    const rows = pcs.readRowSet([5, 6, 7, 200]) as Float32Array;
    const sum = rows.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 102.46954903192818) < 1e-9);
    assert.equal(rows[2 * 36 + 2 * 12 + 11], Math.fround(-3.333195924758911));
  });
  it('bme410: uint64 (N,1) spike times and Fortran uint32 pc_feature_ind', () => {
    const st = NpyReader.open(join(data, 'bme410-ks-matlab/spike_times.npy')).readVector() as BigUint64Array;
    assert.equal(st.length, 58544);
    assert.deepEqual(Array.from(st.subarray(0, 3)), [136n, 145n, 194n]);
    assert.equal(st[st.length - 1], 1799978n);
    const ind = NpyReader.open(join(data, 'bme410-ks-matlab/pc_feature_ind.npy'));
    assert.deepEqual(Array.from(ind.readRows(296, 297) as Uint32Array).slice(0, 4), [49, 50, 48, 52]);
    assert.deepEqual(Array.from(ind.readRows(0, 1) as Uint32Array).slice(0, 4), [37, 40, 33, 35]);
  });
});
