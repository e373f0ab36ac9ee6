import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  amplitudeCutoff,
  gaussianFilter1dNearestInt,
  gaussianKernel1d,
  numpySum,
} from '../../../../electron/core/analysis/amplitude-cutoff.js';
import { Random } from '../../../../shared/util/random.js';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('gaussian smoothing (scipy.ndimage.gaussian_filter1d, int in -> int out)', () => {
  it('builds a normalised symmetric kernel of radius int(4 sigma + 0.5)', () => {
    const w = gaussianKernel1d(3, 12);
    assert.equal(w.length, 25);
    assert.ok(Math.abs(w.reduce((s, x) => s + x, 0) - 1) < 1e-15);
    for (let i = 0; i < 12; i++) assert.equal(w[i], w[24 - i]);
    assert.ok(Math.abs((w[13] as number) / (w[12] as number) - Math.exp(-1 / 18)) < 1e-15);
  });

  it('equals scipy on an impulse with nearest-mode edges (constants from scipy 1.17)', () => {
    const x = new Float64Array(31);
    x[15] = 100;
    x[0] = 7;
    // prettier-ignore
    const scipy = [3, 3, 2, 1, 0, 0, 0, 0, 0, 1, 3, 5, 8, 10, 12, 13, 12, 10, 8, 5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert.deepEqual([...gaussianFilter1dNearestInt(x, 3)], scipy);
  });

  it('truncates the direct weighted sum toward zero', () => {
    const rng = new Random(4);
    const x = Float64Array.from({ length: 60 }, () => rng.int(50));
    const w = gaussianKernel1d(3, 12);
    const got = gaussianFilter1dNearestInt(x, 3);
    for (let i = 0; i < x.length; i++) {
      let s = 0;
      for (let j = -12; j <= 12; j++)
        s += (x[Math.min(Math.max(i + j, 0), 59)] as number) * (w[j + 12] as number);
      // Same value up to summation order; only exact-integer sums could truncate differently.
      assert.ok(
        Math.abs((got[i] as number) - Math.trunc(s)) <=
          (Math.abs(s - Math.round(s)) < 1e-9 ? 1 : 0),
      );
    }
    assert.deepEqual(
      [...gaussianFilter1dNearestInt(new Float64Array(20).fill(7), 3)],
      new Array(20).fill(7),
    );
  });

  it('sums like NumPy pairwise summation', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let plain = 0;
    for (const v of a) plain += v;
    assert.ok(Math.abs(numpySum(a) - plain) < 1e-13);
    assert.equal(numpySum(Float64Array.from([1, 2, 3])), 6);
  });
});

describe('amplitudeCutoff (SpikeInterface)', () => {
  it('reproduces the SI steps on integer amplitudes whose bin edges are exact', () => {
    // 100 bins over [0, 100]: edges are integers, value v lands in bin v (100 in the last bin).
    const amps: number[] = [];
    for (let v = 0; v <= 100; v++) for (let k = 0; k < (v < 20 ? 2 : 10); k++) amps.push(v);
    const a = Float64Array.from(amps);
    const counts = new Float64Array(100);
    for (const v of amps) counts[Math.min(v, 99)]++;
    const pdf = gaussianFilter1dNearestInt(counts, 3);
    let g = 0;
    for (let i = 0; i < 100; i++) if ((pdf[i] as number) >= (pdf[0] as number)) g = i;
    let missed = 0;
    for (let i = g + 1; i < 100; i++) missed += pdf[i] as number;
    const want = Math.min(missed / (a.length + missed), 0.5);
    assert.equal(amplitudeCutoff(a, all(a.length)), want);
  });

  it('is ~0 for a complete Gaussian, large for a half-truncated one, capped at 0.5', () => {
    const rng = new Random(12);
    const full = Float32Array.from({ length: 20000 }, () => 100 + 10 * rng.normal());
    const cut = full.filter((x) => x > 100);
    const fFull = amplitudeCutoff(full, all(full.length));
    const fCut = amplitudeCutoff(cut, all(cut.length));
    assert.ok(fFull < 0.01, `full ${fFull}`);
    assert.ok(fCut > 0.3 && fCut <= 0.5, `cut ${fCut}`);
  });

  it('flips negative amplitudes, uses only the selected spikes, NaN below 5 spikes per bin', () => {
    const rng = new Random(13);
    const pos = Float64Array.from({ length: 3000 }, () => 50 + 5 * rng.normal());
    const neg = pos.map((x) => -x);
    assert.equal(amplitudeCutoff(neg, all(3000)), amplitudeCutoff(pos, all(3000)));
    const both = new Float64Array(6000);
    both.set(pos, 3000);
    const idx = Uint32Array.from({ length: 3000 }, (_, i) => 3000 + i);
    assert.equal(amplitudeCutoff(both, idx), amplitudeCutoff(pos, all(3000)));
    assert.ok(Number.isNaN(amplitudeCutoff(pos, all(499))));
    assert.ok(!Number.isNaN(amplitudeCutoff(pos, all(500))));
    assert.ok(Number.isNaN(amplitudeCutoff(pos, all(2400), { numHistogramBins: 500 })));
  });
});
