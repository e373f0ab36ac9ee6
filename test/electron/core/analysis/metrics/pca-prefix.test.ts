import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PREFIX_DIMS,
  principalPrefix,
} from '../../../../../electron/core/analysis/metrics/pca-prefix.js';
import { Random } from '../../../../../shared/util/random.js';

/** Rows with a dominant direction (column 2) and small noise elsewhere. */
function elongated(rng: Random, n: number, d: number): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) x[i * d + c] = rng.normal() * (c === 2 ? 20 : 1) + 5;
  }
  return x;
}

test('prefix distances never exceed the full distances; the leading one carries the spread', () => {
  const rng = new Random(4);
  for (const [n, d] of [
    [600, 30],
    [50, 12],
  ] as const) {
    const x = elongated(rng, n, d);
    const y = principalPrefix(x, n, d);
    assert.equal(y.length, n * PREFIX_DIMS);
    for (let t = 0; t < 2000; t++) {
      const i = rng.int(n);
      const j = rng.int(n);
      let full = 0;
      for (let c = 0; c < d; c++)
        full += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      let prefix = 0;
      for (let c = 0; c < PREFIX_DIMS; c++) {
        prefix += ((y[i * PREFIX_DIMS + c] as number) - (y[j * PREFIX_DIMS + c] as number)) ** 2;
      }
      assert.ok(prefix <= full * (1 + 1e-12) + 1e-12, `${prefix} > ${full}`);
    }
    // Coordinate 0 is (up to sign) column 2, the dominant direction: it holds most of the spread.
    let v0 = 0;
    let vRest = 0;
    for (let i = 0; i < n; i++) {
      v0 += (y[i * PREFIX_DIMS] as number) ** 2;
      for (let c = 1; c < PREFIX_DIMS; c++) vRest += (y[i * PREFIX_DIMS + c] as number) ** 2;
    }
    assert.ok(v0 > 10 * vRest, `${v0} vs ${vRest}`);
  }
});

test('fewer columns than coordinates: an exact rotation, zero-padded', () => {
  const rng = new Random(9);
  const n = 40;
  const d = 3;
  const x = elongated(rng, n, d);
  const y = principalPrefix(x, n, d);
  for (let i = 0; i < n; i++) {
    for (let c = d; c < PREFIX_DIMS; c++) assert.equal(y[i * PREFIX_DIMS + c], 0);
    for (let j = 0; j < n; j++) {
      let full = 0;
      let rotated = 0;
      for (let c = 0; c < d; c++)
        full += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      for (let c = 0; c < d; c++) {
        rotated += ((y[i * PREFIX_DIMS + c] as number) - (y[j * PREFIX_DIMS + c] as number)) ** 2;
      }
      assert.ok(Math.abs(full - rotated) <= 1e-9 * (full + 1), `${full} vs ${rotated}`);
    }
  }
});
