import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  firingRateOverTime,
  meanFiringRate,
} from '../../../../electron/core/analysis/firing-rate.js';

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('firing rate', () => {
  it('mean rate is N / duration, NaN when empty', () => {
    assert.equal(meanFiringRate(600, 60), 10);
    assert.ok(Number.isNaN(meanFiringRate(0, 60)));
  });

  it('bins counts into Hz with a shorter last bin', () => {
    // 1 kHz; spikes at 0.1, 0.5, 1.0 (edge -> second bin), 2.2, 2.5 (end, closed last bin) s.
    const times = Float64Array.from([100, 500, 1000, 2200, 2500]);
    const r = firingRateOverTime(times, all(5), { sampleRate: 1000, binS: 1, endS: 2.5 });
    assert.deepEqual([...r.edgesS], [0, 1, 2, 2.5]);
    assert.deepEqual([...r.counts], [2, 1, 2]);
    assert.deepEqual([...r.rateHz], [2, 1, 4]);
  });

  it('does not add a sliver bin for an exact multiple affected by float noise', () => {
    const r = firingRateOverTime(new Float64Array(0), all(0), {
      sampleRate: 1000,
      binS: 0.1,
      endS: 0.3,
    });
    assert.equal(r.rateHz.length, 3);
    assert.throws(() =>
      firingRateOverTime(new Float64Array(0), all(0), { sampleRate: 1, binS: 0, endS: 1 }),
    );
  });

  it('honours startS and the selected spikes only', () => {
    const times = Float64Array.from([500, 1500, 2500, 3500]);
    const r = firingRateOverTime(times, Uint32Array.from([1, 3]), {
      sampleRate: 1000,
      binS: 1,
      startS: 1,
      endS: 4,
    });
    assert.deepEqual([...r.counts], [1, 0, 1]);
  });
});
