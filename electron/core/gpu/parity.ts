/**
 * @file Comparisons of GPU results with their CPU oracles, shared by the parity tests and the
 * benchmark (which re-checks parity at benchmark sizes).
 *
 * Stated tolerances: integer outputs exact; float outputs within {@link FLOAT_REL_TOL} relative
 * (float32 on the GPU vs float64 on the CPU); k-NN indices equal except at near-ties.
 */
import type { KnnResult } from './kernels/knn/knn.cpu.js';

/** Relative tolerance of float outputs (float32 GPU vs float64 CPU). */
export const FLOAT_REL_TOL = 1e-4;

/** Number of positions where the two arrays differ (lengths must match, else Infinity). */
export function countMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * max |actual − expected| / max(|expected|, floor) over all entries; NaN matches NaN, equal
 * infinities match; Infinity on a length mismatch or a NaN/non-NaN disagreement.
 */
export function maxRelativeError(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  floor = 1e-12,
): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
      continue;
    }
    if (a === e) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), floor));
  }
  return worst;
}

/** How a GPU k-NN result agrees with the CPU oracle. */
export interface KnnAgreement {
  /** Slots whose neighbour index differs. */
  readonly indexMismatches: number;
  /** Mismatched slots NOT explained by a near-tie (distances differ by more than the tolerance). */
  readonly unexplained: number;
  /** Worst relative distance error over all slots (sorted distance lists compared slot by slot). */
  readonly maxDistanceRelError: number;
}

/**
 * Compares slot by slot. An index mismatch is a near-tie when both results hold (almost) the same
 * distance in that slot: the references were equidistant up to float32 rounding, so either order
 * is correct.
 */
export function knnAgreement(gpu: KnnResult, cpu: KnnResult, relTol = FLOAT_REL_TOL): KnnAgreement {
  let indexMismatches = 0;
  let unexplained = 0;
  const maxDistanceRelError = maxRelativeError(gpu.distances, cpu.distances, 1e-6);
  for (let e = 0; e < cpu.indices.length; e++) {
    if (gpu.indices[e] === cpu.indices[e]) continue;
    indexMismatches++;
    const g = gpu.distances[e];
    const c = cpu.distances[e];
    if (!(Math.abs(g - c) <= relTol * Math.max(Math.abs(c), 1e-6))) unexplained++;
  }
  return { indexMismatches, unexplained, maxDistanceRelError };
}
