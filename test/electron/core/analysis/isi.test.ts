import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  interSpikeIntervals,
  isiHistogramCounts,
  isiHistogramPhy,
} from '../../../../electron/core/analysis/isi.js';
import { Random } from '../../../../shared/util/random.js';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('ISI histograms', () => {
  it('computes ISIs as differences of times in seconds', () => {
    const isi = interSpikeIntervals(Float64Array.from([0, 30, 90]), all(3), 30000);
    assert.deepEqual([...isi], [30 / 30000 - 0, 90 / 30000 - 30 / 30000]);
    assert.equal(interSpikeIntervals(Float64Array.from([5]), all(1), 30000).length, 0);
  });

  it("follows Phy's linspace edges (n_bins edges) and density normalisation", () => {
    // 1 kHz: ISIs 1 ms, 1 ms, 2.5 ms (ms-exact in binary), 60 ms (outside).
    const times = Float64Array.from([0, 1, 2, 4.5, 64.5]);
    const h = isiHistogramPhy(times, all(5), 1000, { xMaxS: 0.005, nBins: 6 });
    assert.equal(h.edgesS.length, 6); // 6 edges -> 5 bins of 1 ms
    // Left-closed bins: 0.001 is in bin 1; density = counts / (3 * 0.001).
    assert.deepEqual([...h.values], [0, 2 / 0.003, 1 / 0.003, 0, 0]);
  });

  it('uses Phy defaults (0-50 ms, 50 edges) and returns zeros rather than NaN when empty', () => {
    const h = isiHistogramPhy(Float64Array.from([0, 100000]), all(2), 30000);
    assert.equal(h.edgesS.length, 50);
    assert.equal(h.edgesS[49], 0.05);
    assert.ok(h.values.every((v) => v === 0));
  });

  it('counts ISIs over log-spaced edges like a brute-force bin search', () => {
    const rng = new Random(2);
    const times = new Float64Array(5000);
    for (let i = 1; i < times.length; i++)
      times[i] = (times[i - 1] as number) + Math.ceil(rng.exponential(1 / 300));
    const { edgesS, counts } = isiHistogramCounts(times, all(5000), 30000, {
      minS: 1e-4,
      maxS: 1,
      nBins: 40,
    });
    assert.equal(edgesS[0], 1e-4);
    assert.equal(edgesS[40], 1);
    for (let k = 1; k < edgesS.length; k++) {
      const ratio = (edgesS[k] as number) / (edgesS[k - 1] as number);
      assert.ok(Math.abs(ratio - 10 ** (4 / 40)) < 1e-9);
    }
    const isi = interSpikeIntervals(times, all(5000), 30000);
    const want = new Uint32Array(40);
    for (const x of isi) {
      for (let k = 0; k < 40; k++) {
        const last = k === 39;
        if (
          x >= (edgesS[k] as number) &&
          (x < (edgesS[k + 1] as number) || (last && x === edgesS[40]))
        )
          want[k]++;
      }
    }
    assert.deepEqual(counts, want);
  });

  it('supports linear count bins and rejects bad ranges', () => {
    const times = Float64Array.from([0, 10, 20, 45]);
    const { counts } = isiHistogramCounts(times, all(4), 1000, {
      log: false,
      minS: 0,
      maxS: 0.03,
      nBins: 3,
    });
    assert.deepEqual([...counts], [0, 2, 1]);
    assert.throws(() => isiHistogramCounts(times, all(4), 1000, { minS: 0 }));
  });
});
