import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  erf,
  ks4Autocorrelogram,
  ks4CcgMetrics,
  ks4Refractory,
} from '../../../../electron/core/analysis/ks4-refractory.js';
import { Random } from '../../../../shared/util/random.js';

const FS = 30000;

/** Brute-force KS ACG: every ordered pair with st_k in (st_j - 0.5, st_j + 0.5]. */
function bruteAcg(st: Float64Array): Float64Array {
  const k = new Float64Array(1001);
  const dt = 500 * (1 / 1000);
  for (let j = 0; j < st.length; j++) {
    for (let i = 0; i < st.length; i++) {
      const a = st[j] as number;
      const b = st[i] as number;
      if (!(b > a - dt && b <= a + dt)) continue;
      const x = (a - b) / (1 / 1000);
      const fl = Math.floor(x);
      const bin = x - fl === 0.5 ? (fl % 2 === 0 ? fl : fl + 1) : Math.round(x);
      k[bin + 500]++;
    }
  }
  return k;
}

/** KS CCG_metrics written out directly from the formulas (index lists, explicit loops). */
function directMetrics(K: Float64Array, n: number, T: number): { q12: number; r12: number } {
  const tbin = 1 / 1000;
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
  const sum = (idx: number[]) => idx.reduce((s, i) => s + (K[i] as number), 0);
  const ir1 = [...range(1, 250), ...range(750, 1000)];
  const ir2 = range(450, 490);
  const ir3 = range(510, 550);
  const q00 = sum(ir1) / ((ir1.length * tbin * n * n) / T);
  const q01 = Math.max(sum(ir2) / ((40 * tbin * n * n) / T), sum(ir3) / ((40 * tbin * n * n) / T));
  const r00 = Math.max(sum(ir2) / 40, sum(ir3) / 40, sum(ir1) / ir1.length);
  const centre = K[500] as number;
  K[500] = 0;
  const qi: number[] = [];
  const ri: number[] = [];
  for (let i = 1; i <= 10; i++) {
    const s = sum(range(500 - i, 500 + i + 1));
    qi.push(s / ((2 * i * tbin * n * n) / T));
    const lam = r00 * i;
    ri.push(0.5 * (1 + erf((s / 2 - lam) / (1e-10 + 2 * lam) ** 0.5)));
  }
  K[500] = centre;
  return { q12: Math.min(...qi) / (1e-10 + Math.max(q00, q01)), r12: Math.min(...ri) };
}

/** A refractory train (2 ms dead time + exponential ISIs) plus uniform contamination, in samples. */
function train(
  rng: Random,
  rateHz: number,
  durationS: number,
  contamination: number,
): Float64Array {
  const out: number[] = [];
  for (let t = rng.exponential(rateHz); t < durationS; t += 0.002 + rng.exponential(rateHz)) {
    out.push(Math.round(t * FS));
  }
  const extra = Math.round(out.length * contamination);
  for (let i = 0; i < extra; i++) out.push(Math.round(rng.uniform(0, durationS) * FS));
  return Float64Array.from(out.sort((a, b) => a - b));
}

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('ks4Refractory', () => {
  it('bins the ACG exactly like a brute-force pair count (ties at half bins included)', () => {
    const rng = new Random(99);
    for (let trial = 0; trial < 6; trial++) {
      const times = train(rng, 5 + 10 * trial, 60, trial * 0.1);
      // Lags of exactly 0.5 ms and 1.5 ms (15 and 45 samples) exercise round-half-even.
      const extra = Array.from(
        { length: 20 },
        (_, i) => (times[i * 7] as number) + (i % 2 ? 15 : 45),
      );
      const merged = Float64Array.from([...times, ...extra].sort((a, b) => a - b));
      const st = merged.map((t) => t / FS);
      const { counts, spanS } = ks4Autocorrelogram(st);
      assert.deepEqual(counts, bruteAcg(st));
      assert.equal(spanS, (st[st.length - 1] as number) - (st[0] as number));
    }
  });

  it('counts pairs at the window edge, duplicate times and dense bursts like the brute force', () => {
    const rng = new Random(123);
    for (let trial = 0; trial < 4; trial++) {
      const base = Array.from(train(rng, 40, 30, 0.2));
      const extra: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = base[i * 5] as number;
        // Lags of exactly +-0.5 s (the window edge), one sample inside/outside, and duplicates.
        extra.push(t + 15000, t + 14999, t + 15001, t, t + 1);
      }
      const st = Float64Array.from(
        [...base, ...extra].sort((a, b) => a - b),
        (t) => t / FS,
      );
      assert.deepEqual(ks4Autocorrelogram(st).counts, bruteAcg(st));
      // Odd sample rates put the edge test in inexact arithmetic.
      const st7 = Float64Array.from(
        [...base, ...extra].sort((a, b) => a - b),
        (t) => t / 29999.7,
      );
      assert.deepEqual(ks4Autocorrelogram(st7).counts, bruteAcg(st7));
    }
  });

  it('computes Q12 / R12 as the direct formula evaluation and labels by both thresholds', () => {
    const rng = new Random(5);
    for (const contamination of [0, 0.05, 0.3, 1]) {
      const times = train(rng, 15, 200, contamination);
      const r = ks4Refractory(times, all(times.length), FS);
      const st = times.map((t) => t / FS);
      const direct = directMetrics(
        bruteAcg(st),
        st.length,
        (st[st.length - 1] as number) - (st[0] as number),
      );
      assert.equal(r.q12, direct.q12);
      assert.ok(Math.abs(r.r12 - direct.r12) < 1e-12);
      assert.equal(r.contamPct, 100 * r.q12);
      assert.equal(r.label, r.q12 < 0.2 && r.r12 < 0.2 ? 'good' : 'mua');
    }
  });

  it('calls a clean unit good and a contaminated one mua', () => {
    const rng = new Random(42);
    const clean = train(rng, 20, 300, 0);
    const dirty = train(rng, 20, 300, 0.6);
    const a = ks4Refractory(clean, all(clean.length), FS);
    const b = ks4Refractory(dirty, all(dirty.length), FS);
    assert.equal(a.label, 'good');
    assert.ok(a.contamPct < 5, `clean contamPct ${a.contamPct}`);
    assert.equal(b.label, 'mua');
    assert.ok(b.contamPct > 30, `dirty contamPct ${b.contamPct}`);
  });

  it('uses the selected spikes only, in any index order, and honours acgThreshold', () => {
    const rng = new Random(3);
    const t = train(rng, 10, 100, 0.1);
    const times = new Float64Array(t.length * 2);
    times.set(t); // second half: unrelated spikes
    const r1 = ks4Refractory(times, all(t.length), FS);
    const r2 = ks4Refractory(times, all(t.length).reverse(), FS);
    assert.deepEqual(r1, r2);
    const strict = ks4Refractory(times, all(t.length), FS, { acgThreshold: r1.q12 * 0.99 });
    assert.equal(strict.label, 'mua');
  });

  it('skips clusters of <= 10 spikes or zero span as KS does (mua, 0.0)', () => {
    const few = Float64Array.from({ length: 10 }, (_, i) => i * 1000);
    assert.deepEqual(ks4Refractory(few, all(10), FS), {
      contamPct: 0,
      label: 'mua',
      q12: 0,
      r12: 0,
      r00: 0,
      tested: false,
    });
    const same = new Float64Array(20).fill(777);
    assert.equal(ks4Refractory(same, all(20), FS).tested, false);
    assert.equal(ks4Refractory(few, new Uint32Array(0), FS).label, 'mua');
  });

  it('metrics of an empty ACG divide safely (Q12 = 0)', () => {
    const m = ks4CcgMetrics(new Float64Array(1001), 20, 100);
    assert.equal(m.q12, 0);
    assert.equal(m.r00, 0);
  });
});

describe('erf', () => {
  it('matches glibc / Python math.erf', () => {
    // Constants printed by Python's math.erf (glibc) on the development machine.
    const cases: [number, number][] = [
      [0.5, 0.5204998778130465],
      [1.0, 0.8427007929497149],
      [2.0, 0.9953222650189527],
      [-0.3, -0.3286267594591274],
      [3.0, 0.9999779095030014],
      [1e-10, 1.1283791670955126e-10],
      [-1.7, -0.9837904585907745],
      [0.9, 0.7969082124228322],
      [2.5, 0.999593047982555],
      [4.2, 0.9999999971445058],
    ];
    for (const [x, want] of cases) {
      assert.ok(Math.abs(erf(x) - want) <= 2 ** -52 * Math.abs(want), `erf(${x}) = ${erf(x)}`);
    }
    assert.equal(erf(0), 0);
    assert.equal(erf(Infinity), 1);
    assert.equal(erf(-Infinity), -1);
    assert.ok(Number.isNaN(erf(NaN)));
    assert.equal(erf(7), 1);
  });
});
