/**
 * @file Leading principal coordinates of a set of rows: a cheap lower bound of their squared
 * distances, used only to prune exact distance computations.
 *
 * For an orthonormal basis V, ‖V(a − b)‖ = ‖a − b‖, so the squared distance over the first
 * {@link PREFIX_DIMS} rotated coordinates never exceeds the full squared distance (up to rounding,
 * which callers cover with a slack). Clustered spike features put most of their between-cluster
 * spread on the first few principal axes, so rows of different clusters are usually told apart
 * after 2-4 coordinates instead of a partial sum over most of the original columns.
 */
import { symmetricEigen } from '../linalg.js';

/** Coordinates kept per row (zero-padded when the rows have fewer columns). */
export const PREFIX_DIMS = 8;
/** Rows (at most about) whose covariance gives the basis: any basis is valid, this one is good. */
const BASIS_ROWS = 512;
/** Jacobi sweeps: an approximate eigenbasis is still orthonormal, which is all correctness needs. */
const BASIS_SWEEPS = 6;

/** Unit basis vectors (PREFIX_DIMS × d, leading first, zero rows past d) of evenly spaced rows. */
function principalBasis(x: Float64Array, n: number, d: number, mean: Float64Array): Float64Array {
  const step = Math.max(1, Math.floor(n / BASIS_ROWS));
  const count = Math.ceil(n / step);
  // Covariance as column dot products of the column-major centred sample.
  const cols = new Float64Array(d * count);
  for (let r = 0, i = 0; i < n; i += step, r++) {
    for (let c = 0; c < d; c++)
      cols[c * count + r] = (x[i * d + c] as number) - (mean[c] as number);
  }
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let r = 0, oa = a * count, ob = b * count; r < count; r++) {
        s += (cols[oa + r] as number) * (cols[ob + r] as number);
      }
      cov[a * d + b] = s;
      cov[b * d + a] = s;
    }
  }
  const { vectors } = symmetricEigen(cov, d, BASIS_SWEEPS);
  const basis = new Float64Array(PREFIX_DIMS * d);
  for (let k = 0; k < Math.min(PREFIX_DIMS, d); k++) {
    for (let c = 0; c < d; c++) basis[k * d + c] = vectors[c * d + k] as number;
  }
  return basis;
}

/**
 * The first {@link PREFIX_DIMS} principal coordinates (n × PREFIX_DIMS, row-major, leading axis
 * first) of the n × d rows of `x`, centred on the mean of every row.
 */
export function principalPrefix(x: Float64Array, n: number, d: number): Float64Array {
  const m = PREFIX_DIMS;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += x[i * d + c] as number;
  for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) / Math.max(n, 1);
  const basis = principalBasis(x, n, d, mean);
  const y = new Float64Array(n * m);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) row[c] = (x[i * d + c] as number) - (mean[c] as number);
    // Four coordinates per pass over the row: independent sums keep the multiplier busy.
    for (let k = 0; k < m; k += 4) {
      const o0 = k * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < d; c++) {
        const v = row[c] as number;
        s0 += v * (basis[o0 + c] as number);
        s1 += v * (basis[o1 + c] as number);
        s2 += v * (basis[o2 + c] as number);
        s3 += v * (basis[o3 + c] as number);
      }
      y[i * m + k] = s0;
      y[i * m + k + 1] = s1;
      y[i * m + k + 2] = s2;
      y[i * m + k + 3] = s3;
    }
  }
  return y;
}
