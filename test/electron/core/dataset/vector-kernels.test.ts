/** @file The per-spike conversion kernels against straightforward BigInt/Number computations. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  indexVectorToInt32,
  spikeTimesToFloat64,
  swapBytesInPlace,
  typedArrayFor,
} from '../../../../electron/core/dataset/vector-kernels.js';

/** The first invalid time by the rules, written plainly: finite, >= 0, < 2^53, sorted. */
function firstBadTime(values: number[]): number {
  for (let i = 0; i < values.length; i++) {
    const t = values[i] as number;
    const bad = Number.isNaN(t) || !Number.isFinite(t) || t < 0 || t >= 2 ** 53;
    if (bad || (i > 0 && t < (values[i - 1] as number))) return i;
  }
  return -1;
}

const wideTime = fc.oneof(
  fc.bigInt({ min: 0n, max: 1n << 40n }),
  fc.bigInt({ min: (1n << 53n) - 3n, max: (1n << 53n) + 3n }),
  fc.bigInt({ min: -(1n << 63n), max: -1n }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);

describe('spikeTimesToFloat64', () => {
  it('converts int64/uint64 in place, exactly, and finds the first bad time', () => {
    fc.assert(
      fc.property(fc.array(wideTime, { maxLength: 30 }), fc.boolean(), (raw, sorted) => {
        const values = sorted ? [...raw].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : raw;
        const signed = values.every((v) => v < 1n << 63n && v >= -(1n << 63n));
        const unsigned = values.every((v) => v >= 0n);
        for (const kind of ['i', 'u'] as const) {
          if ((kind === 'i' && !signed) || (kind === 'u' && !unsigned)) continue;
          const arr = kind === 'i' ? BigInt64Array.from(values) : BigUint64Array.from(values);
          const asNumbers = values.map(Number);
          const expected = firstBadTime(asNumbers);
          const result = spikeTimesToFloat64(arr);
          if (expected >= 0) {
            assert.equal(result, expected);
            assert.equal(arr[expected], values[expected], 'the bad element is left as read');
          } else {
            assert.ok(result instanceof Float64Array);
            assert.equal(result.buffer, arr.buffer, 'converted in place');
            assert.deepEqual([...result], asNumbers);
          }
        }
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('validates float64 as is and copies other dtypes', () => {
    const f8 = Float64Array.from([0, 1.5, 1.5, 7]);
    assert.equal(spikeTimesToFloat64(f8), f8);
    assert.deepEqual(
      [...(spikeTimesToFloat64(Int32Array.from([1, 2, 3])) as Float64Array)],
      [1, 2, 3],
    );
    assert.equal(spikeTimesToFloat64(Float64Array.from([0, 1, NaN])), 2);
    assert.equal(spikeTimesToFloat64(Float64Array.from([0, Infinity])), 1);
    assert.equal(spikeTimesToFloat64(Float32Array.from([-2, -1, 0])), 0, 'sorted but negative');
    assert.equal(spikeTimesToFloat64(Float32Array.from([-1, -2])), 1, 'unsorted first');
    assert.equal(spikeTimesToFloat64(Int32Array.from([5, 4])), 1);
    assert.deepEqual(spikeTimesToFloat64(new BigInt64Array(0)), new Float64Array(0));
  });
});

describe('indexVectorToInt32', () => {
  const entry = fc.oneof(
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(0x7fffffff, 0x80000000, 2 ** 32, -(2 ** 31), 2.5, NaN),
  );
  const plainFirstBad = (values: number[]) =>
    values.findIndex((v) => !Number.isInteger(v) || v < 0 || v > 0x7fffffff);

  it('accepts integers in [0, 2^31) of every dtype, returns the max, else the first bad one', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 25 }), (values) => {
        const candidates: Array<[ArrayLike<number> | ArrayLike<bigint>, number[]]> = [];
        const ints = values.every((v) => Number.isInteger(v));
        const i32 = ints && values.every((v) => v >= -(2 ** 31) && v < 2 ** 31);
        if (i32) candidates.push([Int32Array.from(values), values]);
        if (ints) candidates.push([BigInt64Array.from(values.map(BigInt)), values]);
        if (ints && values.every((v) => v >= 0)) {
          candidates.push([BigUint64Array.from(values.map(BigInt)), values]);
        }
        candidates.push([Float64Array.from(values), values]);
        const f32 = Float32Array.from(values);
        candidates.push([f32, [...f32]]);
        for (const [raw, numbers] of candidates) {
          const result = indexVectorToInt32(raw as Int32Array);
          const bad = plainFirstBad(numbers);
          if (bad >= 0) {
            assert.equal(result, bad);
          } else {
            assert.ok(typeof result !== 'number');
            assert.deepEqual([...result.values], numbers);
            assert.equal(result.max, numbers.length ? Math.max(...numbers) : -1);
          }
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('returns int32 input itself (no copy)', () => {
    const raw = Int32Array.from([3, 1, 4]);
    const result = indexVectorToInt32(raw);
    assert.ok(typeof result !== 'number');
    assert.equal(result.values, raw);
    assert.equal(result.max, 4);
  });
});

describe('typedArrayFor / swapBytesInPlace', () => {
  it('maps every npy dtype to its typed array, and nothing else', () => {
    assert.ok(typedArrayFor('i', 8, 2) instanceof BigInt64Array);
    assert.ok(typedArrayFor('u', 8, 2) instanceof BigUint64Array);
    assert.ok(typedArrayFor('f', 4, 2) instanceof Float32Array);
    assert.ok(typedArrayFor('b', 1, 2) instanceof Uint8Array);
    assert.equal(typedArrayFor('i', 3, 2), null);
    assert.equal(typedArrayFor('f', 2, 2), null);
  });

  it('reverses each element', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    swapBytesInPlace(bytes, 4);
    assert.deepEqual([...bytes], [4, 3, 2, 1, 8, 7, 6, 5]);
    swapBytesInPlace(bytes, 1);
    assert.deepEqual([...bytes], [4, 3, 2, 1, 8, 7, 6, 5]);
  });
});
