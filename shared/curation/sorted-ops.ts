/**
 * @file Set operations on sorted spike-index arrays (Uint32Array, ascending, no duplicates).
 *
 * The spikes-per-cluster index stores every cluster as such an array, so merge and split reduce to
 * linear-time merges and differences of a few arrays instead of scans over all spikes.
 */

import type { SpikeIndex } from '../domain/ids.js';

/** Merges two sorted, disjoint-or-not arrays into one sorted array without duplicates. */
function mergeTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out[k++] = x;
      i++;
    } else if (y < x) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return k === out.length ? out : out.slice(0, k);
}

/**
 * Union of several sorted arrays, sorted. Pairwise merge tree: O(total · log(count)), which beats
 * concatenating and re-sorting for the typical 2–10 merged clusters.
 */
export function unionSorted(arrays: readonly Uint32Array[]): Uint32Array {
  if (arrays.length === 0) return new Uint32Array(0);
  let level: Uint32Array[] = [...arrays];
  while (level.length > 1) {
    const next: Uint32Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as Uint32Array;
      const b = level[i + 1];
      next.push(b === undefined ? a : mergeTwo(a, b));
    }
    level = next;
  }
  return level[0] as Uint32Array;
}

/** Elements of sorted `a` that are not in sorted `b`, sorted. O(|a| + |b|). */
export function differenceSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    while (j < b.length && (b[j] as number) < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[k++] = x;
  }
  return k === out.length ? out : out.slice(0, k);
}

/**
 * A sorted, duplicate-free copy of a spike selection (a lasso returns spikes in drawing order and
 * may repeat a spike seen by two views).
 */
export function normalizeSpikes(spikes: ArrayLike<SpikeIndex>): Uint32Array {
  let increasing = true;
  for (let i = 1; i < spikes.length && increasing; i++) {
    increasing = (spikes[i] as number) > (spikes[i - 1] as number);
  }
  // Views usually deliver spikes already in order: skip the sort then.
  if (increasing) return Uint32Array.from(spikes);
  const sorted = Uint32Array.from(spikes).sort();
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (k === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i] as number;
  }
  return k === sorted.length ? sorted : sorted.slice(0, k);
}
