/**
 * @file CPU oracle of the many-pair correlogram kernel: phylib's counting before symmetrisation.
 *
 * phylib (`phylib/stats/ccg.py`) compares spike i with spike i+shift for shift = 1, 2, ... on the
 * merged, time-sorted train and masks a spike once its lag exceeds the half window. Because times
 * are sorted, lags grow with the shift, so that is exactly "every pair i < j whose binned lag
 * (t_j − t_i) div binSize is ≤ halfBins", counted into ccg[slot_i][slot_j][lag]. Equal times count
 * once, in index order (i before j), which is why phylib later symmetrises bin 0 with a max.
 */

/** Input of the correlogram kernels (GPU and CPU). */
export interface CcgInput {
  /** Spike times in samples: integers, non-decreasing (the merged train of all slots). */
  readonly times: Float64Array;
  /** Cluster slot of each spike, 0..nSlots-1 (same length as `times`). */
  readonly slots: Int32Array | Uint32Array;
  /** Number of slots (clusters) n; the output is n × n × (halfBins + 1). */
  readonly nSlots: number;
  /** Bin width in samples, integer ≥ 1 (phylib: `int(sample_rate * bin_size)`). */
  readonly binSize: number;
  /** Positive lags counted, in bins: phylib's `winsize_bins // 2`. */
  readonly halfBins: number;
}

/** Index of ccg[a][b][lag] in the flat output array. */
export function ccgIndex(input: CcgInput, a: number, b: number, lag: number): number {
  return (a * input.nSlots + b) * (input.halfBins + 1) + lag;
}

/** Throws a RangeError describing the first problem with `input`. */
export function validateCcgInput(input: CcgInput): void {
  const { times, slots, nSlots, binSize, halfBins } = input;
  if (slots.length !== times.length) {
    throw new RangeError(`ccg: ${times.length} times but ${slots.length} slots`);
  }
  if (!Number.isInteger(nSlots) || nSlots < 1) throw new RangeError(`ccg: bad nSlots ${nSlots}`);
  if (!Number.isInteger(binSize) || binSize < 1)
    throw new RangeError(`ccg: bad binSize ${binSize}`);
  if (!Number.isInteger(halfBins) || halfBins < 0) {
    throw new RangeError(`ccg: bad halfBins ${halfBins}`);
  }
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!Number.isSafeInteger(t)) throw new RangeError(`ccg: time ${i} (${t}) is not an integer`);
    if (i > 0 && t < times[i - 1]) {
      throw new RangeError(`ccg: times must be non-decreasing (index ${i})`);
    }
    const s = slots[i];
    if (!(s >= 0 && s < nSlots)) throw new RangeError(`ccg: slot ${s} of spike ${i} out of range`);
  }
}

/**
 * Counts pairs into ccg[slot_i][slot_j][lag], lag = 0..halfBins (phylib before symmetrisation).
 * @returns flat counts, length nSlots² × (halfBins + 1), index {@link ccgIndex}.
 */
export function ccgCountsCpu(input: CcgInput): Uint32Array {
  validateCcgInput(input);
  const { times, slots, nSlots, binSize, halfBins } = input;
  const nLags = halfBins + 1;
  const out = new Uint32Array(nSlots * nSlots * nLags);
  const n = times.length;
  for (let i = 0; i < n; i++) {
    const ti = times[i];
    const row = slots[i] * nSlots;
    for (let j = i + 1; j < n; j++) {
      const lag = Math.floor((times[j] - ti) / binSize);
      if (lag > halfBins) break;
      out[(row + slots[j]) * nLags + lag] += 1;
    }
  }
  return out;
}
