/**
 * @file Deterministic spike subsets for display budgets: evenly spaced picks (waveforms,
 * amplitudes, features; they cover the whole recording), a seeded uniform random subset
 * (correlograms: thinning a train by a stride would remove short-lag pairs systematically, a
 * random subset scales every lag's count by the same factor), Phy-style fair sharing of one
 * budget over several clusters, and binary search over sorted keys.
 */
import { Random } from '../../../shared/util/random.js';

/**
 * At most `n` elements of the ascending `spikes`, evenly spaced (`spikes[floor(i * len / n)]`),
 * ascending. The whole array (same object) when it fits.
 */
export function evenlySpaced(spikes: Uint32Array, n: number): Uint32Array {
  const len = spikes.length;
  const m = Math.max(0, Math.floor(n));
  if (len <= m) return spikes;
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) out[i] = spikes[Math.floor((i * len) / m)] as number;
  return out;
}

/** At most `n` of the indices 0..total-1, evenly spaced with the same rule as {@link evenlySpaced}. */
export function evenlySpacedIndices(total: number, n: number): Uint32Array {
  const m = Math.min(total, Math.max(0, Math.floor(n)));
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) out[i] = Math.floor((i * total) / m);
  return out;
}

/**
 * A uniform random subset of `n` elements of the ascending `spikes` (without replacement),
 * ascending, reproducible for a given seed. The whole array (same object) when it fits.
 *
 * Selection sampling (Knuth's Algorithm S): element i is kept with probability
 * (still needed) / (still left), which gives every n-subset the same probability and visits the
 * elements in order, so the result comes out sorted with one random draw per element and no
 * shuffle or sort (a 330 k-spike cluster takes a few ms instead of ~30).
 */
export function randomSubset(spikes: Uint32Array, n: number, seed: number): Uint32Array {
  const len = spikes.length;
  const m = Math.max(0, Math.floor(n));
  if (len <= m) return spikes;
  const rng = new Random(seed);
  const out = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < len && k < m; i++) {
    // Kept when u * left < needed: exactly m are kept (once needed == left, every draw keeps).
    if (rng.next() * (len - i) < m - k) out[k++] = spikes[i] as number;
  }
  return out;
}

/**
 * Splits a total budget over groups of the given sizes fairly (water filling): small groups keep
 * all their spikes and the rest is shared equally among the larger ones. Sum <= total.
 */
export function fairShare(sizes: readonly number[], total: number): number[] {
  const out = sizes.map(() => 0);
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[a] as number) - (sizes[b] as number));
  let left = Math.max(0, Math.floor(total));
  order.forEach((i, k) => {
    const share = Math.floor(left / (order.length - k));
    out[i] = Math.min(sizes[i] as number, share);
    left -= out[i] as number;
  });
  return out;
}

/** First index i in [0, n) with key(i) >= x (n when none); `key` must be non-decreasing. */
export function lowerBound(n: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
