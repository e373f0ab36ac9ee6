/**
 * @file CPU oracle of k-means (Lloyd's algorithm from given initial centroids), float64.
 *
 * Rules shared with the GPU version:
 * - assignment: nearest centroid by squared Euclidean distance, ties to the lowest centroid index;
 *   a point whose distances are all NaN goes to centroid 0;
 * - update: a centroid becomes the mean of its points; an empty cluster keeps its centroid;
 * - stop: when an assignment step changes no label (converged) or after `maxIterations` steps.
 * The returned centroids are the means of the returned assignments.
 */

/** Largest dimensionality supported by the GPU kernel. */
export const KMEANS_MAX_DIMS = 64;
/** Largest number of clusters supported by the GPU kernel. */
export const KMEANS_MAX_K = 64;
/** Default cap on Lloyd iterations. */
export const KMEANS_DEFAULT_MAX_ITERATIONS = 100;

/** Input of the k-means implementations. */
export interface KmeansInput {
  /** m points × dims, row-major. */
  readonly points: Float32Array;
  /** Dimensions d, 1..64. */
  readonly dims: number;
  /** Initial centroids, k × dims row-major (k = length / dims, 1..64). */
  readonly initialCentroids: Float64Array | Float32Array;
  /** Most assignment steps (default 100). */
  readonly maxIterations?: number;
}

/** k-means outcome. */
export interface KmeansResult {
  /** Final centroids, k × dims row-major. */
  readonly centroids: Float64Array;
  /** Cluster of each point, 0..k-1. */
  readonly assignments: Int32Array;
  /** Points per cluster. */
  readonly counts: Int32Array;
  /** Assignment steps performed. */
  readonly iterations: number;
  /** True when the last step changed no assignment. */
  readonly converged: boolean;
}

/** Throws a RangeError describing the first problem with `input`. */
export function validateKmeansInput(input: KmeansInput): void {
  const { points, dims, initialCentroids, maxIterations } = input;
  if (!Number.isInteger(dims) || dims < 1 || dims > KMEANS_MAX_DIMS) {
    throw new RangeError(`kmeans: dims ${dims} outside 1..${KMEANS_MAX_DIMS}`);
  }
  if (points.length % dims !== 0 || initialCentroids.length % dims !== 0) {
    throw new RangeError(`kmeans: arrays are not multiples of dims ${dims}`);
  }
  const k = initialCentroids.length / dims;
  if (k < 1 || k > KMEANS_MAX_K) throw new RangeError(`kmeans: k ${k} outside 1..${KMEANS_MAX_K}`);
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(`kmeans: bad maxIterations ${maxIterations}`);
  }
}

/** Nearest centroid of every point (ties → lowest index). */
export function assignNearestCpu(
  points: Float32Array,
  dims: number,
  centroids: ArrayLike<number>,
): Int32Array {
  const d = dims;
  const m = points.length / d;
  const k = centroids.length / d;
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let best = 0;
    let bestD2 = Infinity;
    for (let c = 0; c < k; c++) {
      let d2 = 0;
      for (let t = 0; t < d; t++) {
        const diff = points[i * d + t] - centroids[c * d + t];
        d2 += diff * diff;
      }
      if (d2 < bestD2) {
        bestD2 = d2;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Per-cluster coordinate sums (k × dims) and counts of an assignment, float64. */
export function clusterSumsCpu(
  points: Float32Array,
  dims: number,
  assignments: Int32Array,
  k: number,
): { sums: Float64Array; counts: Int32Array } {
  const sums = new Float64Array(k * dims);
  const counts = new Int32Array(k);
  for (let i = 0; i < assignments.length; i++) {
    const c = assignments[i];
    counts[c] += 1;
    for (let t = 0; t < dims; t++) sums[c * dims + t] += points[i * dims + t];
  }
  return { sums, counts };
}

/** New centroids = sums / counts; empty clusters keep `previous`. */
export function centroidsFromSums(
  sums: Float64Array,
  counts: ArrayLike<number>,
  previous: ArrayLike<number>,
  dims: number,
): Float64Array {
  const out = Float64Array.from(previous);
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    for (let t = 0; t < dims; t++) out[c * dims + t] = sums[c * dims + t] / counts[c];
  }
  return out;
}

/** Lloyd iterations from `initialCentroids` until no assignment changes. */
export function kmeansCpu(input: KmeansInput): KmeansResult {
  validateKmeansInput(input);
  const { points, dims, initialCentroids } = input;
  const maxIterations = input.maxIterations ?? KMEANS_DEFAULT_MAX_ITERATIONS;
  const k = initialCentroids.length / dims;
  let centroids: Float64Array = Float64Array.from(initialCentroids);
  let previous: Int32Array | null = null;
  let assignments: Int32Array = new Int32Array(0);
  let counts: Int32Array = new Int32Array(k);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    assignments = assignNearestCpu(points, dims, centroids);
    if (previous && sameLabels(previous, assignments)) {
      converged = true;
      break;
    }
    const s = clusterSumsCpu(points, dims, assignments, k);
    counts = s.counts;
    centroids = centroidsFromSums(s.sums, s.counts, centroids, dims);
    previous = assignments;
  }
  return { centroids, assignments, counts, iterations, converged };
}

/** True when both label arrays are identical. */
export function sameLabels(a: Int32Array | Uint32Array, b: Int32Array | Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
