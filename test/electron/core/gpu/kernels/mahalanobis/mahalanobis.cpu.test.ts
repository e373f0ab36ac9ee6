import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choleskyUpper } from '../../../../../../electron/core/gpu/kernels/mahalanobis/cholesky.js';
import { mahalanobisSquaredCpu } from '../../../../../../electron/core/gpu/kernels/mahalanobis/mahalanobis.cpu.js';
import { Random } from '../../../../../../shared/util/random.js';

test('hand-computed 2-D quadratic form', () => {
  // diff = (1, 2): 2·1² + 2·0.5·1·2 + 1·2² = 8; the mean itself is at distance 0.
  const out = mahalanobisSquaredCpu({
    points: new Float32Array([2, 4, 1, 2, 0, 2]),
    dims: 2,
    mean: new Float64Array([1, 2]),
    invCov: new Float64Array([2, 0.5, 0.5, 1]),
  });
  assert.deepEqual([...out], [8, 0, 2]);
});

test('identity inverse covariance gives squared Euclidean distance', () => {
  const rng = new Random(3);
  const d = 5;
  const points = new Float32Array(20 * d).map(() => rng.normal());
  const mean = new Float64Array(d).map(() => rng.normal());
  const eye = new Float64Array(d * d);
  for (let i = 0; i < d; i++) eye[i * d + i] = 1;
  const out = mahalanobisSquaredCpu({ points, dims: d, mean, invCov: eye });
  for (let i = 0; i < 20; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += (points[i * d + c] - mean[c]) ** 2;
    assert.ok(Math.abs(out[i] - s) < 1e-12);
  }
});

test('choleskyUpper: hand case, reconstruction, and non-PD detection', () => {
  const u = choleskyUpper([4, 2, 2, 3], 2);
  assert.ok(u);
  assert.deepEqual(
    [...u].map((x) => Math.round(x * 1e12) / 1e12),
    [2, 1, 0, 1.414213562373],
  );
  const rng = new Random(8);
  const d = 6;
  const b = Array.from({ length: d * d }, () => rng.normal());
  const a = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < d; t++) a[r * d + c] += b[r * d + t] * b[c * d + t];
      if (r === c) a[r * d + c] += 0.5;
    }
  }
  const f = choleskyUpper(a, d);
  assert.ok(f);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += f[t * d + r] * f[t * d + c];
      assert.ok(Math.abs(s - a[r * d + c]) < 1e-10, `UᵀU[${r}][${c}]`);
      if (r > c) assert.equal(f[r * d + c], 0);
    }
  }
  assert.equal(choleskyUpper([1, 2, 2, 1], 2), null); // indefinite
  assert.equal(choleskyUpper([1, 1, 1, 1], 2), null); // singular
});

test('rejects inconsistent shapes and too many dims', () => {
  const base = {
    points: new Float32Array(4),
    dims: 2,
    mean: new Float64Array(2),
    invCov: new Float64Array(4),
  };
  assert.throws(() => mahalanobisSquaredCpu({ ...base, points: new Float32Array(3) }), /multiple/);
  assert.throws(() => mahalanobisSquaredCpu({ ...base, mean: new Float64Array(3) }), /mean/);
  assert.throws(() => mahalanobisSquaredCpu({ ...base, invCov: new Float64Array(3) }), /invCov/);
  assert.throws(() => mahalanobisSquaredCpu({ ...base, dims: 65 }), /dims/);
});
