/**
 * @file Upper Cholesky factor U (A = UᵀU) of a symmetric positive-definite matrix, float64.
 *
 * The GPU Mahalanobis kernel evaluates d² = ‖U(x − μ)‖², a sum of squares: in float32 its relative
 * error grows with √cond(A) instead of cond(A) for the plain quadratic form.
 */

/**
 * @param a d × d row-major, symmetric (only the upper triangle is read).
 * @returns U, d × d row-major with zeros below the diagonal, or null when A is not (numerically)
 * positive definite: a pivot ≤ 1e-12 × the largest diagonal entry.
 */
export function choleskyUpper(a: ArrayLike<number>, d: number): Float64Array | null {
  const u = new Float64Array(d * d);
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i]));
  const floor = 1e-12 * maxDiag;
  for (let k = 0; k < d; k++) {
    let pivot = a[k * d + k];
    for (let r = 0; r < k; r++) pivot -= u[r * d + k] * u[r * d + k];
    if (!(pivot > floor)) return null;
    const ukk = Math.sqrt(pivot);
    u[k * d + k] = ukk;
    for (let c = k + 1; c < d; c++) {
      let s = a[k * d + c];
      for (let r = 0; r < k; r++) s -= u[r * d + k] * u[r * d + c];
      u[k * d + c] = s / ukk;
    }
  }
  return u;
}
