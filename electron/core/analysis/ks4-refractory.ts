/**
 * @file Kilosort4's refractoriness test (`ContamPct`, `KSLabel`), reproduced from
 * `kilosort/CCG.py` (`compute_CCG`, `CCG_metrics`, `check_CCG`, `refract`) as called by
 * `io.save_to_phy`: `refract(spike_clusters, spike_times / ops['fs'])`.
 *
 * KS works in SECONDS (samples / fs as float64), bins lags with `round((t2 - t1) / tbin)` where
 * `tbin = 1/1000` (round half to even, numba), over +-500 bins. Every floating operation below keeps
 * KS's order so that `ContamPct = 100 * Q12`, written with '%.1f', comes out byte-identical.
 * Beware KS's naming: Q12 is the rate ratio (the contamination) and R12 the Poisson probability.
 */

import type { SpikeIndex } from '../../../shared/domain/ids.js';
import { roundHalfEven } from './correlograms.js';

/** Tunables of the test, KS4 defaults. */
export interface Ks4RefractoryOptions {
  /** `ops.settings.acg_threshold` (default 0.2; the paper uses 0.1). */
  acgThreshold?: number;
  /** Half window in bins (KS `nbins`, default 500). */
  nBins?: number;
  /** Bin width in seconds (KS `tbin`, default 1/1000). */
  binS?: number;
}

/** KS4's verdict for one cluster. */
export interface Ks4Refractory {
  /** `100 * q12` (KS writes it with '%.1f'); 0 when the cluster was not tested. */
  contamPct: number;
  /** 'good' iff q12 < acgThreshold and r12 < 0.2. */
  label: 'good' | 'mua';
  /** Rate within +-i ms relative to the baseline rate, minimised over i = 1..10 (KS `Q12`). */
  q12: number;
  /** Smallest Poisson (normal-approximation) probability of the central counts (KS `R12`). */
  r12: number;
  /** Baseline count per bin (KS `R00`). */
  r00: number;
  /** False when KS skips the cluster (<= 10 spikes or all spikes at one time): 'mua', 0.0. */
  tested: boolean;
}

/**
 * KS `compute_CCG(st, st)`: the autocorrelogram of ascending times `st` (seconds), as a float
 * array of 2*nBins+1 counts (index nBins = zero lag, self-pairs included), and the span T.
 *
 * KS counts the ordered pair (j, k) when fl(t_j - dt) < t_k <= fl(t_j + dt), in bin
 * nBins + round((t_j - t_k) / tbin). Each unordered pair is visited once here: (t_b - t_a) / tbin
 * is exactly the negation of (t_a - t_b) / tbin in IEEE arithmetic and round-half-to-even is odd,
 * so one division gives both bins; each direction keeps KS's own window test (they can differ
 * by rounding at the window edge), so the counts are identical, at half the divisions.
 */
export function ks4Autocorrelogram(
  st: Float64Array,
  nBins = 500,
  binS = 1 / 1000,
): { counts: Float64Array; spanS: number } {
  const n = st.length;
  const dt = nBins * binS;
  const counts = new Float64Array(2 * nBins + 1);
  const spanS = n > 0 ? (st[n - 1] as number) - (st[0] as number) : 0;
  for (let a = 0; a < n; a++) {
    const ta = st[a] as number;
    const lo = ta - dt;
    const hi = ta + dt;
    if (ta > lo && ta <= hi) counts[nBins]++;
    for (let b = a + 1; b < n; b++) {
      const tb = st[b] as number;
      // (a, b) as KS counts it from a's window; (b, a) from b's window (ta <= tb <= fl(tb + dt)).
      const forward = tb <= hi && tb > lo;
      const backward = ta > tb - dt;
      // Both tests fail for every later b too (tb and fl(tb - dt) only grow).
      if (!forward && !backward) break;
      const r = roundHalfEven((ta - tb) / binS);
      if (forward) counts[nBins + r]++;
      if (backward) counts[nBins - r]++;
    }
  }
  return { counts, spanS };
}

function sumRange(k: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += k[i] as number;
  return s;
}

/**
 * KS `CCG_metrics` for an autocorrelogram of n spikes over span T (seconds): returns Q12, R12, R00
 * with KS's exact operation order. The counts are integers, so sums are exact in any order.
 */
export function ks4CcgMetrics(
  counts: Float64Array,
  nSpikes: number,
  spanS: number,
  nBins = 500,
  binS = 1 / 1000,
): { q12: number; r12: number; r00: number } {
  const n1 = nSpikes;
  const n2 = nSpikes;
  const T = spanS;
  // irange1 = [1, nbins//2) U [3*nbins//2, 2*nbins); irange2 = [nbins-50, nbins-10); irange3 = [nbins+10, nbins+50)
  const a1 = Math.floor(nBins / 2);
  const b1 = Math.floor((3 * nBins) / 2);
  const len1 = a1 - 1 + (2 * nBins - b1);
  const sum1 = sumRange(counts, 1, a1) + sumRange(counts, b1, 2 * nBins);
  const sum2 = sumRange(counts, nBins - 50, nBins - 10);
  const sum3 = sumRange(counts, nBins + 10, nBins + 50);
  const q00 = sum1 / ((len1 * binS * n1 * n2) / T);
  const q1 = sum2 / ((40 * binS * n1 * n2) / T);
  const q2 = sum3 / ((40 * binS * n1 * n2) / T);
  const q01 = Math.max(q1, q2);
  let r00 = Math.max(sum2 / 40, sum3 / 40);
  r00 = Math.max(r00, sum1 / len1);
  let minQi = Infinity;
  let minRi = Infinity;
  for (let i = 1; i <= 10; i++) {
    // KS zeroes the centre bin for this loop: leave it out of the sum.
    const s = sumRange(counts, nBins - i, nBins) + sumRange(counts, nBins + 1, nBins + i + 1);
    minQi = Math.min(minQi, s / ((2 * i * binS * n1 * n2) / T));
    const half = s / 2;
    const lam = r00 * i;
    minRi = Math.min(minRi, 0.5 * (1 + erf((half - lam) / Math.sqrt(1e-10 + 2 * lam))));
  }
  return { q12: minQi / (1e-10 + Math.max(q00, q01)), r12: minRi, r00 };
}

/**
 * Kilosort4's ContamPct and KSLabel for one cluster (KS `refract` for one `kk`).
 * `times` are spike times in samples for all spikes, `spikeIndices` the cluster's spikes
 * (ascending), `sampleRate` = KS `ops['fs']` (params.py `sample_rate`).
 */
export function ks4Refractory(
  times: Float64Array,
  spikeIndices: Uint32Array,
  sampleRate: number,
  opts: Ks4RefractoryOptions = {},
): Ks4Refractory {
  const acgThreshold = opts.acgThreshold ?? 0.2;
  const nBins = opts.nBins ?? 500;
  const binS = opts.binS ?? 1 / 1000;
  const n = spikeIndices.length;
  const st = new Float64Array(n);
  for (let k = 0; k < n; k++) st[k] = (times[spikeIndices[k] as SpikeIndex] as number) / sampleRate;
  // KS sorts inside compute_CCG; a sorted copy keeps us right for any input order.
  for (let k = 1; k < n; k++) {
    if ((st[k] as number) < (st[k - 1] as number)) {
      st.sort();
      break;
    }
  }
  const untested: Ks4Refractory = {
    contamPct: 0,
    label: 'mua',
    q12: 0,
    r12: 0,
    r00: 0,
    tested: false,
  };
  if (!(n > 10) || (st[n - 1] as number) - (st[0] as number) === 0) return untested;
  const { counts, spanS } = ks4Autocorrelogram(st, nBins, binS);
  const { q12, r12, r00 } = ks4CcgMetrics(counts, n, spanS, nBins, binS);
  const good = q12 < acgThreshold && r12 < 0.2;
  return { contamPct: q12 * 100, label: good ? 'good' : 'mua', q12, r12, r00, tested: true };
}

// --- erf: glibc's s_erf.c (fdlibm coefficients, pipelined evaluation order) ------------------
// Python's math.erf is glibc's erf; keeping glibc's operation order makes R12 bit-identical
// except where V8's Math.exp and glibc's exp round differently (|x| > 1.25, within an ulp).

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // little-endian: [low word, high word]

/** High 32 bits of |x|'s IEEE-754 representation, as fdlibm's `ix`. */
function highWordAbs(x: number): number {
  F64[0] = x;
  return (U32[1] as number) & 0x7fffffff;
}

/** x with its low 32 bits cleared (fdlibm `SET_LOW_WORD(z, 0)`). */
function clearLowWord(x: number): number {
  F64[0] = x;
  U32[0] = 0;
  return F64[0] as number;
}

// prettier-ignore
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
// prettier-ignore
const QQ = [0, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
// prettier-ignore
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
// prettier-ignore
const QA = [0, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
// prettier-ignore
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
// prettier-ignore
const SA = [0, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
// prettier-ignore
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
// prettier-ignore
const SB = [0, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];
const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;

/** Coefficient i of a table (typed lookups without non-null noise). */
function c(t: readonly number[], i: number): number {
  return t[i] as number;
}

/** The error function with glibc's algorithm and evaluation order. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ix = highWordAbs(x);
  if (ix >= 0x7ff00000) return x > 0 ? 1 : -1;
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3e300000) return x + EFX * x; // |x| < 2**-28
    const z = x * x;
    const z2 = z * z;
    const z4 = z2 * z2;
    const r = c(PP, 0) + z * c(PP, 1) + z2 * (c(PP, 2) + z * c(PP, 3)) + z4 * c(PP, 4);
    const s = 1 + z * c(QQ, 1) + z2 * (c(QQ, 2) + z * c(QQ, 3)) + z4 * (c(QQ, 4) + z * c(QQ, 5));
    return x + x * (r / s);
  }
  if (ix < 0x3ff40000) {
    // 0.84375 <= |x| < 1.25
    const s = Math.abs(x) - 1;
    const s2 = s * s;
    const s4 = s2 * s2;
    const s6 = s4 * s2;
    const P =
      c(PA, 0) +
      s * c(PA, 1) +
      s2 * (c(PA, 2) + s * c(PA, 3)) +
      s4 * (c(PA, 4) + s * c(PA, 5)) +
      s6 * c(PA, 6);
    const Q =
      1 +
      s * c(QA, 1) +
      s2 * (c(QA, 2) + s * c(QA, 3)) +
      s4 * (c(QA, 4) + s * c(QA, 5)) +
      s6 * c(QA, 6);
    return x >= 0 ? ERX + P / Q : -ERX - P / Q;
  }
  if (ix >= 0x40180000) return x >= 0 ? 1 - 1e-300 : 1e-300 - 1; // |x| >= 6
  const ax = Math.abs(x);
  const s = 1 / (ax * ax);
  const s2 = s * s;
  const s4 = s2 * s2;
  const s6 = s4 * s2;
  let R: number;
  let S: number;
  if (ix < 0x4006db6e) {
    // |x| < 1/0.35
    const s8 = s4 * s4;
    R =
      c(RA, 0) +
      s * c(RA, 1) +
      s2 * (c(RA, 2) + s * c(RA, 3)) +
      s4 * (c(RA, 4) + s * c(RA, 5)) +
      s6 * (c(RA, 6) + s * c(RA, 7));
    S =
      1 +
      s * c(SA, 1) +
      s2 * (c(SA, 2) + s * c(SA, 3)) +
      s4 * (c(SA, 4) + s * c(SA, 5)) +
      s6 * (c(SA, 6) + s * c(SA, 7)) +
      s8 * c(SA, 8);
  } else {
    R =
      c(RB, 0) +
      s * c(RB, 1) +
      s2 * (c(RB, 2) + s * c(RB, 3)) +
      s4 * (c(RB, 4) + s * c(RB, 5)) +
      s6 * c(RB, 6);
    S =
      1 +
      s * c(SB, 1) +
      s2 * (c(SB, 2) + s * c(SB, 3)) +
      s4 * (c(SB, 4) + s * c(SB, 5)) +
      s6 * (c(SB, 6) + s * c(SB, 7));
  }
  const z = clearLowWord(ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + R / S);
  return x >= 0 ? 1 - r / ax : r / ax - 1;
}
