/**
 * @file The running list of a query's k nearest neighbours, shared by the nearest-neighbour
 * searches (fast-knn.ts, nn-counts.ts): squared distances ascending, ties to the lower row index,
 * which is the order the exhaustive search produces, so every search returns the same neighbours.
 */

/**
 * Offers row `j` at squared distance `v` to the list (`best` ascending, `idx` their rows, both of
 * length k, empty slots Infinity / -1). Returns whether it entered; a NaN distance never does.
 */
export function offerNeighbour(
  best: Float64Array,
  idx: Int32Array,
  k: number,
  v: number,
  j: number,
): boolean {
  if (!(v < (best[k - 1] as number)) && !(v === best[k - 1] && j < (idx[k - 1] as number)))
    return false;
  let p = k - 1;
  while (
    p > 0 &&
    (v < (best[p - 1] as number) || (v === best[p - 1] && j < (idx[p - 1] as number)))
  ) {
    best[p] = best[p - 1] as number;
    idx[p] = idx[p - 1] as number;
    p--;
  }
  best[p] = v;
  idx[p] = j;
  return true;
}
