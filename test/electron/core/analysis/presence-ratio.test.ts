import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  presenceBinEdges,
  presenceRatio,
} from '../../../../electron/core/analysis/presence-ratio.js';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('presenceRatio (SpikeInterface)', () => {
  it('uses full 60 s bins only; a spike on the last edge counts in the last bin', () => {
    // 1 kHz, 250 s -> edges 0, 60k, 120k, 180k, 240k (4 bins); 245k is in the dropped partial bin.
    assert.deepEqual([...presenceBinEdges(250000, 60000)], [0, 60000, 120000, 180000, 240000]);
    const span = { sampleRate: 1000, totalSamples: 250000 };
    assert.equal(presenceRatio(Float64Array.from([10, 240000]), all(2), span), 2 / 4);
    assert.equal(presenceRatio(Float64Array.from([10, 245000]), all(2), span), 1 / 4);
    assert.equal(presenceRatio(Float64Array.from([59999, 60000, 179999]), all(3), span), 3 / 4);
  });

  it('is NaN for recordings shorter than one bin or empty clusters', () => {
    assert.ok(
      Number.isNaN(
        presenceRatio(Float64Array.from([1]), all(1), { sampleRate: 1000, totalSamples: 59999 }),
      ),
    );
    assert.ok(
      Number.isNaN(
        presenceRatio(new Float64Array(0), all(0), { sampleRate: 1000, totalSamples: 1e6 }),
      ),
    );
    // Exactly one bin: edges [0, 60000], presence 1.
    assert.equal(
      presenceRatio(Float64Array.from([5]), all(1), { sampleRate: 1000, totalSamples: 60000 }),
      1,
    );
  });

  it('applies mean_fr_ratio_thresh as count > floor(FR * bin * ratio)', () => {
    // 240 s, 4 bins with counts 3, 1, 0, 4; FR = 8/240 Hz; ratio 0.5 -> threshold
    // floor(8/240 * 60 * 0.5) = 1, so only bins with more than one spike count: 2 of 4.
    const times = Float64Array.from([1, 2, 3, 70000, 190000, 190001, 190002, 190003]);
    const span = { sampleRate: 1000, totalSamples: 240000 };
    assert.equal(presenceRatio(times, all(8), span, { meanFrRatioThresh: 0.5 }), 2 / 4);
    assert.equal(presenceRatio(times, all(8), span), 3 / 4);
    assert.throws(() => presenceRatio(times, all(8), span, { meanFrRatioThresh: -1 }));
  });

  it('uses int(bin_s * fs) samples per bin for non-integer rates', () => {
    const span = { sampleRate: 30000.5, totalSamples: 3_600_100 };
    // int(60 * 30000.5) = 1800030 -> edges 0, 1800030, 3600060.
    assert.deepEqual([...presenceBinEdges(span.totalSamples, 1800030)], [0, 1800030, 3600060]);
    assert.equal(presenceRatio(Float64Array.from([1800029]), all(1), span), 1 / 2);
  });
});
