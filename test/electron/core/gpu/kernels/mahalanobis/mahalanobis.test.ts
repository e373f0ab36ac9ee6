import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { releaseGpu } from '../../../../../../electron/core/gpu/device.js';
import { mahalanobisSquaredGpu } from '../../../../../../electron/core/gpu/kernels/mahalanobis/mahalanobis.js';
import { mahalanobisSquaredCpu } from '../../../../../../electron/core/gpu/kernels/mahalanobis/mahalanobis.cpu.js';
import { FLOAT_REL_TOL, maxRelativeError } from '../../../../../../electron/core/gpu/parity.js';
import { Random } from '../../../../../../shared/util/random.js';
import { gpuOrSkip, randomPoints } from '../../gpu-test-util.js';

after(() => releaseGpu());

/** A = B Bᵀ / d + ridge·I: symmetric positive definite, conditioning set by `ridge`. */
function randomSpd(rng: Random, d: number, ridge: number): Float64Array {
  const b = Array.from({ length: d * d }, () => rng.normal());
  const a = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < d; t++) a[r * d + c] += (b[r * d + t] * b[c * d + t]) / d;
      if (r === c) a[r * d + c] += ridge;
    }
  }
  return a;
}

test('GPU matches the float64 oracle within 1e-4 relative (Cholesky path)', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(31);
  for (const [m, d, ridge] of [
    [3000, 30, 0.1],
    [1000, 64, 0.05],
    [777, 1, 1],
    [500, 12, 1e-3],
  ]) {
    const mean = new Float64Array(d).map(() => 5 + rng.normal());
    const input = {
      points: randomPoints(rng, m, d, 2, 5),
      dims: d,
      mean,
      invCov: randomSpd(rng, d, ridge),
    };
    const expected = mahalanobisSquaredCpu(input);
    const actual = await mahalanobisSquaredGpu(gpu, input);
    const err = maxRelativeError(actual, expected, 1e-6);
    assert.ok(err <= FLOAT_REL_TOL, `m=${m} d=${d} ridge=${ridge}: relative error ${err}`);
  }
});

test('GPU falls back to the plain quadratic form for an indefinite matrix', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const rng = new Random(32);
  const d = 8;
  const m = 400;
  const a = new Float64Array(d * d);
  for (let r = 0; r < d; r++)
    for (let c = r; c < d; c++) a[r * d + c] = a[c * d + r] = rng.normal();
  const input = { points: randomPoints(rng, m, d), dims: d, mean: new Float64Array(d), invCov: a };
  const expected = mahalanobisSquaredCpu(input);
  const actual = await mahalanobisSquaredGpu(gpu, input);
  assert.ok(
    expected.some((q) => q < 0),
    'an indefinite form yields negative values',
  );
  for (let i = 0; i < m; i++) {
    // float32 error bound of a quadratic form: proportional to Σ|A_rc||x_r||x_c|.
    let scale = 0;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        scale += Math.abs(a[r * d + c] * input.points[i * d + r] * input.points[i * d + c]);
      }
    }
    assert.ok(Math.abs(actual[i] - expected[i]) <= FLOAT_REL_TOL * scale, `point ${i}`);
  }
});

test('GPU: empty input and NaN propagation', async (t) => {
  const gpu = await gpuOrSkip(t);
  if (!gpu) return;
  const base = { dims: 2, mean: new Float64Array([0, 0]), invCov: new Float64Array([1, 0, 0, 1]) };
  assert.equal(
    (await mahalanobisSquaredGpu(gpu, { ...base, points: new Float32Array(0) })).length,
    0,
  );
  const out = await mahalanobisSquaredGpu(gpu, {
    ...base,
    points: new Float32Array([NaN, 0, 3, 4]),
  });
  assert.ok(Number.isNaN(out[0]));
  assert.equal(out[1], 25);
});
