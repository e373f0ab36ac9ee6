/**
 * @file The median of a float64 array in linear time (quickselect), with exactly the value that
 * `time-series.ts::median` (sort, then the middle value or the mean of the two middle values)
 * returns: NaNs sort last, and -0 sorts before +0 as Float64Array's sort orders them (unlike
 * `views/filter.ts::medianInPlace`, which assumes neither occurs).
 */

/**
 * Moves the k-th smallest of a[from, to) (no NaN inside) to position k, smaller-or-equal values
 * before it and larger-or-equal after (Hoare partition, median-of-three pivots).
 */
function selectKth(a: Float64Array, from: number, to: number, k: number): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/** True when position k of the sorted non-NaN values holds -0 rather than +0 (both compare 0). */
function sortedZeroIsNegative(a: Float64Array, count: number, k: number): boolean {
  let below = 0;
  let negZeros = 0;
  for (let i = 0; i < count; i++) {
    const v = a[i] as number;
    if (v < 0) below++;
    else if (v === 0 && Object.is(v, -0)) negZeros++;
  }
  return k < below + negZeros;
}

/**
 * `median(values)` of `time-series.ts` for a float64 array, in O(n): the middle value, or the
 * mean of the two middle values; NaN when empty. `values` is reordered (pass a scratch copy).
 * `float32`: the two middle values are summed in float32, as `medianOfSorted(sorted, true)`
 * (NumPy's median of a float32 array) does.
 */
export function selectMedian(values: Float64Array, float32 = false): number {
  const n = values.length;
  if (n === 0) return NaN;
  // NaNs sort after every number: move them to the end, then select among the rest.
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v === v) values[count++] = v;
  }
  values.fill(NaN, count);
  const h = n >> 1;
  const at = (k: number): number => {
    if (k >= count) return NaN;
    selectKth(values, 0, count, k);
    const v = values[k] as number;
    if (v !== 0) return v;
    return sortedZeroIsNegative(values, count, k) ? -0 : 0;
  };
  if (n % 2 === 1) return at(h);
  const upper = at(h);
  if (Number.isNaN(upper)) return NaN;
  // After selecting h, the largest of the values before it is the (h-1)-th smallest.
  let lower = -Infinity;
  for (let i = 0; i < h; i++) lower = Math.max(lower, values[i] as number);
  if (lower === 0) lower = sortedZeroIsNegative(values, count, h - 1) ? -0 : 0;
  const sum = lower + upper;
  return (float32 ? Math.fround(sum) : sum) / 2;
}
