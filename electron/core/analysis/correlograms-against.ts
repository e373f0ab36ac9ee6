/**
 * @file The correlograms of ONE cluster against others (its autocorrelogram and one
 * cross-correlogram per other cluster), with counts identical to the matching row of phylib's
 * `correlograms()` grid (correlograms.ts), without the pairs among the others.
 *
 * This is what a merge decision reads: the reference against each of its most similar clusters
 * (the similarity table's merge score, "1 vs 20"). A pair's counts depend only on the two
 * clusters' spikes (phylib counts every ordered pair within the window, whatever lies between),
 * so each pair is counted on its own with a sliding window over the two sorted trains: O(n_ref +
 * n_other + pairs in the window) per pair, with no merge of all trains.
 *
 * Order of equal times is phylib's: by spike index (which is also time order, since
 * spike_times.npy is sorted), so a zero lag counts for the cluster whose spike comes first.
 */
import {
  correlogramGeometry,
  type CorrelogramGeometry,
  type CorrelogramOptions,
  type SpikeTrain,
} from './correlograms.js';

/** The reference's correlograms against other clusters. */
export interface CorrelogramsAgainst extends CorrelogramGeometry {
  /** Autocorrelogram of the reference (nBins; the zero-lag bin is 0, as phylib has it). */
  auto: Int32Array;
  /**
   * `cross[j]`: correlogram of (reference, others[j]), nBins; lag index `halfBins + k` counts
   * spikes of others[j] k bins after a reference spike. Equals row [0][j + 1] of the grid of
   * `correlogramsOfTrains([reference, ...others])`.
   */
  cross: Int32Array[];
}

/** Largest window (samples) whose lag -> bin table is built; longer windows divide. */
const MAX_TABLE_LAG = 1 << 20;

/** Lag (samples, < limit) -> bin; null when the table would be too large. */
function binTable(limit: number, binSamples: number): Int32Array | null {
  if (limit > MAX_TABLE_LAG) return null;
  const table = new Int32Array(limit);
  for (let lag = 0; lag < limit; lag++) table[lag] = Math.floor(lag / binSamples);
  return table;
}

function checkTrain(train: SpikeTrain, what: string): void {
  const { samples, spikes } = train;
  if (samples.length !== spikes.length) throw new RangeError(`${what}: samples and spikes differ`);
  for (let k = 1; k < samples.length; k++) {
    if (!((samples[k] as number) >= (samples[k - 1] as number))) {
      throw new RangeError('spike times must be non-decreasing in spike index');
    }
  }
}

/** One-sided counts of pairs within one train: c[k] = pairs at lag bin k (0..halfBins). */
function autoHalf(
  s: Int32Array | Float64Array,
  limit: number,
  binSamples: number,
  table: Int32Array | null,
  halfBins: number,
): Int32Array {
  const c = new Int32Array(halfBins + 1);
  const n = s.length;
  for (let a = 0; a < n; a++) {
    const sa = s[a] as number;
    for (let b = a + 1; b < n; b++) {
      const lag = (s[b] as number) - sa;
      if (lag >= limit) break;
      c[table ? (table[lag] as number) : Math.floor(lag / binSamples)]++;
    }
  }
  return c;
}

/**
 * One-sided counts of the pair (r, o): `after[k]` = spikes of o at lag bin k after a spike of r,
 * `before[k]` = spikes of o at lag bin k before one (each pair counted once, in phylib's order).
 */
function crossHalves(
  r: SpikeTrain,
  o: SpikeTrain,
  limit: number,
  binSamples: number,
  table: Int32Array | null,
  halfBins: number,
): { after: Int32Array; before: Int32Array } {
  const after = new Int32Array(halfBins + 1);
  const before = new Int32Array(halfBins + 1);
  const rs = r.samples;
  const os = o.samples;
  const ri = r.spikes;
  const oi = o.spikes;
  const no = os.length;
  let lo = 0;
  for (let a = 0; a < rs.length; a++) {
    const sa = rs[a] as number;
    // First spike of o less than a window before this one (the window only moves forward).
    while (lo < no && sa - (os[lo] as number) >= limit) lo++;
    const ia = ri[a] as number;
    for (let b = lo; b < no; b++) {
      const d = (os[b] as number) - sa;
      if (d >= limit) break;
      if (d > 0 || (d === 0 && (oi[b] as number) > ia)) {
        after[table ? (table[d] as number) : Math.floor(d / binSamples)]++;
      } else {
        before[table ? (table[-d] as number) : Math.floor(-d / binSamples)]++;
      }
    }
  }
  return { after, before };
}

/** phylib's two-sided layout of a pair's one-sided counts. */
function twoSided(
  after: Int32Array,
  before: Int32Array,
  nBins: number,
  halfBins: number,
  same: boolean,
): Int32Array {
  const out = new Int32Array(nBins);
  for (let k = 1; k <= halfBins; k++) {
    out[halfBins + k] = after[k] as number;
    out[halfBins - k] = before[k] as number;
  }
  // Bin 0: max of both orders between two clusters (phylib's symmetrisation); 0 within one.
  out[halfBins] = same ? 0 : Math.max(after[0] as number, before[0] as number);
  return out;
}

/**
 * The autocorrelogram of `reference` and its cross-correlogram with each of `others`, identical
 * to the reference's row of phylib's grid on the same spikes. Trains as for
 * {@link correlogramsOfTrains} (spike indices ascending, phylib samples non-decreasing; checked).
 */
export function correlogramsAgainst(
  reference: SpikeTrain,
  others: readonly SpikeTrain[],
  opts: CorrelogramOptions,
): CorrelogramsAgainst {
  const geo = correlogramGeometry(opts);
  const { binSamples, nBins, halfBins } = geo;
  const limit = (halfBins + 1) * binSamples; // first lag (samples) past the window
  checkTrain(reference, 'reference');
  others.forEach((t, j) => checkTrain(t, `cluster ${j + 1}`));
  const table = binTable(limit, binSamples);
  const selfHalf = autoHalf(reference.samples, limit, binSamples, table, halfBins);
  const auto = twoSided(selfHalf, selfHalf, nBins, halfBins, true);
  const cross = others.map((other) => {
    const { after, before } = crossHalves(reference, other, limit, binSamples, table, halfBins);
    return twoSided(after, before, nBins, halfBins, false);
  });
  return { ...geo, auto, cross };
}
