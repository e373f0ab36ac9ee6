/**
 * @file CPU oracle of the Mahalanobis kernel: d²ᵢ = (xᵢ − μ)ᵀ A (xᵢ − μ), A = Σ⁻¹, in float64.
 *
 * Deliberately the plain quadratic form (no factorisation) so it checks the GPU path, which uses
 * a Cholesky factor of A, by a different route.
 */

/** Largest dimensionality the GPU kernel supports (private array size in WGSL). */
export const MAHALANOBIS_MAX_DIMS = 64;

/** Input of the Mahalanobis kernels. */
export interface MahalanobisInput {
  /** m points × dims, row-major. */
  readonly points: Float32Array;
  /** Dimensions d, 1..64. */
  readonly dims: number;
  /** Mean μ of the distribution, length d. */
  readonly mean: Float64Array | Float32Array;
  /** Inverse covariance A = Σ⁻¹, d × d row-major, symmetric. */
  readonly invCov: Float64Array | Float32Array;
}

/** Throws a RangeError describing the first problem with `input`. */
export function validateMahalanobisInput(input: MahalanobisInput): void {
  const { points, dims, mean, invCov } = input;
  if (!Number.isInteger(dims) || dims < 1 || dims > MAHALANOBIS_MAX_DIMS) {
    throw new RangeError(`mahalanobis: dims ${dims} outside 1..${MAHALANOBIS_MAX_DIMS}`);
  }
  if (points.length % dims !== 0) {
    throw new RangeError(`mahalanobis: ${points.length} values is not a multiple of ${dims}`);
  }
  if (mean.length !== dims) throw new RangeError(`mahalanobis: mean has ${mean.length} values`);
  if (invCov.length !== dims * dims) {
    throw new RangeError(`mahalanobis: invCov has ${invCov.length} values, want ${dims * dims}`);
  }
}

/** Squared Mahalanobis distance of every point (unitless), float64. */
export function mahalanobisSquaredCpu(input: MahalanobisInput): Float64Array {
  validateMahalanobisInput(input);
  const { points, dims: d, mean, invCov } = input;
  const m = points.length / d;
  const out = new Float64Array(m);
  const diff = new Float64Array(d);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < d; c++) diff[c] = points[i * d + c] - mean[c];
    let q = 0;
    for (let r = 0; r < d; r++) {
      let row = 0;
      for (let c = 0; c < d; c++) row += invCov[r * d + c] * diff[c];
      q += diff[r] * row;
    }
    out[i] = q;
  }
  return out;
}
