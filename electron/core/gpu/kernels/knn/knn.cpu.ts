/**
 * @file CPU oracle of the brute-force k-nearest-neighbour kernel (float64 distances).
 *
 * Ordering rule, identical on GPU: neighbours sorted by (squared Euclidean distance, reference
 * index) ascending, so among equal distances the smaller index wins. A reference whose distance is
 * NaN is never a neighbour. When fewer than k references are eligible, the remaining slots hold
 * index −1 and distance +Infinity. Distances are computed from the float32 inputs.
 */

/** Largest k supported (per-invocation list on the GPU). */
export const KNN_MAX_K = 8;
/** Largest dimensionality supported (per-invocation query copy on the GPU). */
export const KNN_MAX_DIMS = 64;

/** Input of the k-NN kernels. */
export interface KnnInput {
  /** m query points × dims, row-major. */
  readonly queries: Float32Array;
  /** n reference points × dims, row-major. */
  readonly references: Float32Array;
  /** Dimensions d, 1..64. */
  readonly dims: number;
  /** Neighbours per query, 1..8. */
  readonly k: number;
  /**
   * Optional, length m: a reference index each query must skip (its own index when querying the
   * reference set against itself), or −1 for none.
   */
  readonly exclude?: Int32Array;
}

/** k-NN result, query-major: entry q·k + s is the s-th nearest neighbour of query q. */
export interface KnnResult {
  /** Reference indices, −1 where fewer than k references were eligible. */
  readonly indices: Int32Array;
  /** Euclidean distances (not squared), +Infinity where the index is −1. */
  readonly distances: Float64Array;
}

/** An exclusion array skipping each point itself, for querying a set against itself. */
export function excludeSelf(nPoints: number): Int32Array {
  const out = new Int32Array(nPoints);
  for (let i = 0; i < nPoints; i++) out[i] = i;
  return out;
}

/** Throws a RangeError describing the first problem with `input`. */
export function validateKnnInput(input: KnnInput): void {
  const { queries, references, dims, k, exclude } = input;
  if (!Number.isInteger(dims) || dims < 1 || dims > KNN_MAX_DIMS) {
    throw new RangeError(`knn: dims ${dims} outside 1..${KNN_MAX_DIMS}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > KNN_MAX_K) {
    throw new RangeError(`knn: k ${k} outside 1..${KNN_MAX_K}`);
  }
  if (queries.length % dims !== 0 || references.length % dims !== 0) {
    throw new RangeError(`knn: point arrays are not multiples of dims ${dims}`);
  }
  if (exclude && exclude.length !== queries.length / dims) {
    throw new RangeError(`knn: exclude has ${exclude.length} entries, want one per query`);
  }
}

/**
 * Brute-force k nearest references of every query. Keeps the k best (distance², index) in a small
 * sorted list: a candidate enters only when strictly closer than the current k-th and goes after
 * equal distances, which with references visited in index order realises the tie rule.
 */
export function knnCpu(input: KnnInput): KnnResult {
  validateKnnInput(input);
  const { queries, references, dims: d, k, exclude } = input;
  const m = queries.length / d;
  const n = references.length / d;
  const indices = new Int32Array(m * k).fill(-1);
  const best = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  const distances = new Float64Array(m * k).fill(Infinity);
  for (let q = 0; q < m; q++) {
    best.fill(Infinity);
    bestIndex.fill(-1);
    const skip = exclude ? exclude[q] : -1;
    for (let j = 0; j < n; j++) {
      if (j === skip) continue;
      let d2 = 0;
      for (let c = 0; c < d; c++) {
        const t = queries[q * d + c] - references[j * d + c];
        d2 += t * t;
      }
      if (!(d2 < best[k - 1])) continue; // also drops NaN
      let s = k - 1;
      while (s > 0 && best[s - 1] > d2) {
        best[s] = best[s - 1];
        bestIndex[s] = bestIndex[s - 1];
        s--;
      }
      best[s] = d2;
      bestIndex[s] = j;
    }
    for (let s = 0; s < k; s++) {
      indices[q * k + s] = bestIndex[s];
      distances[q * k + s] = bestIndex[s] < 0 ? Infinity : Math.sqrt(best[s]);
    }
  }
  return { indices, distances };
}
