import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  isiViolations,
  isiViolationsCorrected,
  rpViolations,
} from '../../../../electron/core/analysis/refractory-metrics.js';
import { Random } from '../../../../shared/util/random.js';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** Poisson train with a 2 ms dead time (no true violations) plus contaminating uniform spikes. */
function contaminatedTrain(
  rng: Random,
  fs: number,
  rateHz: number,
  durationS: number,
  fraction: number,
): Float64Array {
  const out: number[] = [];
  for (let t = rng.exponential(rateHz); t < durationS; t += 0.002 + rng.exponential(rateHz)) {
    out.push(Math.floor(t * fs));
  }
  const extra = Math.round(out.length * fraction);
  for (let i = 0; i < extra; i++) out.push(Math.floor(rng.uniform(0, durationS) * fs));
  return Float64Array.from(out.sort((a, b) => a - b));
}

describe('isiViolations (SpikeInterface)', () => {
  it('counts consecutive ISIs below 1.5 ms on a hand-made train', () => {
    // 30 kHz; ISIs (samples): 30 (1 ms), 44 (1.4667 ms), 45 (1.5 ms: not a violation), 300.
    const times = Float64Array.from([0, 30, 74, 119, 419]);
    const span = { sampleRate: 30000, totalSamples: 30000 * 10 };
    const r = isiViolations(times, all(5), span);
    assert.equal(r.count, 2);
    // ratio = (n_v / (2 N t_r)) / (N / T) = (2 / (2*5*0.0015)) / (5/10)
    assert.equal(r.ratio, 2 / (2 * 5 * (1.5 / 1000 - 0)) / (5 / 10));
  });

  it('returns NaN / -1 for an empty cluster and uses min_isi in the denominator', () => {
    const span = { sampleRate: 30000, totalSamples: 300000 };
    assert.deepEqual(isiViolations(new Float64Array(0), new Uint32Array(0), span), {
      ratio: NaN,
      count: -1,
    });
    const times = Float64Array.from([0, 10, 20]);
    const r = isiViolations(times, all(3), span, 1.5, 0.5);
    assert.equal(r.ratio, 2 / (2 * 3 * (0.0015 - 0.0005)) / (3 / 10));
  });

  it('grows with contamination and is ~0 for a refractory train', () => {
    const rng = new Random(8);
    const span = { sampleRate: 30000, totalSamples: 30000 * 600 };
    const clean = contaminatedTrain(rng, 30000, 10, 600, 0);
    const dirty = contaminatedTrain(rng, 30000, 10, 600, 0.3);
    assert.equal(isiViolations(clean, all(clean.length), span).count, 0);
    const r = isiViolations(dirty, all(dirty.length), span);
    assert.ok(r.count > 0 && r.ratio > 0.05, `ratio ${r.ratio}`);
  });
});

describe('isiViolationsCorrected (Allen / Llobet)', () => {
  it('evaluates 1 - sqrt(1 - n_v D / (N^2 t_r)) on unique spikes', () => {
    const times = Float64Array.from([0, 0, 30, 1000, 1010, 50000]); // one duplicate
    const span = { sampleRate: 30000, totalSamples: 60000 };
    // Unique: 0, 30, 1000, 1010, 50000 -> N = 5, violations: 30 (1 ms), 10 (0.33 ms) -> 2.
    const want = 1 - Math.sqrt(1 - (2 * 2) / (5 ** 2 * 0.0015));
    assert.equal(isiViolationsCorrected(times, all(6), span), want);
  });

  it('is NaN when the radicand is negative (heavy contamination)', () => {
    const times = Float64Array.from([0, 1, 2, 3, 4, 5]);
    assert.ok(
      Number.isNaN(isiViolationsCorrected(times, all(6), { sampleRate: 30000, totalSamples: 3e6 })),
    );
  });
});

describe('rpViolations (SpikeInterface rp_contamination)', () => {
  it('counts all pairs within t_r, zero lags included', () => {
    // t_r = round(1.0 * 30000 * 1e-3) = 30 samples. Pairs within 30: (0,10),(0,30),(10,30),(10,40),
    // (30,40),(100,100) -> 6; (0,40) = 40 is out.
    const times = Float64Array.from([0, 10, 30, 40, 100, 100]);
    const span = { sampleRate: 30000, totalSamples: 90000 };
    const r = rpViolations(times, all(6), span);
    assert.equal(r.violations, 6);
    assert.equal(r.contamination, 1); // radicand 1 - 6*90000 / (6^2 * 30) < 0 -> SI returns 1.0
  });

  it('matches a brute-force all-pairs count and the Llobet formula on synthetic trains', () => {
    const rng = new Random(77);
    for (const fraction of [0, 0.02, 0.1, 0.3]) {
      const fs = 25000;
      const times = contaminatedTrain(rng, fs, 15, 300, fraction);
      const n = times.length;
      let nv = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const d = (times[j] as number) - (times[i] as number);
          if (j > i && d <= 25) nv++; // t_r = round(1.0 * 25000 * 1e-3) = 25 samples
        }
      }
      const span = { sampleRate: fs, totalSamples: 300 * fs };
      const r = rpViolations(times, all(n), span, 1.0, 0.0);
      assert.equal(r.violations, nv);
      const radicand = 1 - (nv * span.totalSamples) / (n * n * 25);
      assert.equal(r.contamination, radicand < 0 ? 1 : 1 - Math.sqrt(radicand));
      if (fraction === 0) assert.equal(r.contamination, 0);
      // Llobet's estimator recovers the injected contamination roughly (uniform contaminants).
      if (fraction === 0.1)
        assert.ok(Math.abs(r.contamination - 0.09) < 0.06, `C ${r.contamination}`);
    }
  });

  it('applies the censored period in the formula and the N <= 1 / empty rules', () => {
    const span = { sampleRate: 30000, totalSamples: 3e6 };
    assert.deepEqual(rpViolations(new Float64Array(0), new Uint32Array(0), span), {
      contamination: NaN,
      violations: -1,
    });
    assert.ok(Number.isNaN(rpViolations(Float64Array.from([5]), all(1), span).contamination));
    const times = Float64Array.from([0, 5, 20, 1e5, 2e5]);
    // t_c = round(0.5 * 30) = 15 (round half even of 15.0), t_r = 30; pairs: (0,5),(0,20),(5,20).
    const r = rpViolations(times, all(5), span, 1.0, 0.5);
    assert.equal(r.violations, 3);
    const denom = 1 - (3 * (3e6 - 2 * 5 * 15)) / (25 * (30 - 15));
    assert.equal(r.contamination, denom < 0 ? 1 : 1 - Math.sqrt(denom));
  });
});
