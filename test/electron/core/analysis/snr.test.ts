import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../shared/util/random.js';
import {
  channelAmplitudes,
  computeSnr,
  MAD_TO_SD,
  madNoise,
  noiseLevelsFromRaw,
  noiseLevelsFromWhitening,
  unwhitenTemplate,
} from '../../../../electron/core/analysis/snr.js';

test('MAD noise: hand-counted cases and the SD of Gaussian samples', () => {
  // median 3, |x - 3| = [2, 1, 0, 1, 97] -> median 1
  assert.equal(madNoise([1, 2, 3, 4, 100]), 1 / MAD_TO_SD);
  // even count: median 2.5, deviations [1.5, 0.5, 0.5, 1.5] -> 1
  assert.equal(madNoise([4, 1, 3, 2]), 1 / MAD_TO_SD);
  assert.ok(Number.isNaN(madNoise([])));
  const rng = new Random(3);
  const x = Array.from({ length: 20000 }, () => 7 + 3 * rng.normal());
  assert.ok(Math.abs(madNoise(x) - 3) < 0.1);
});

test('noise levels from interleaved raw samples are per channel', () => {
  const rng = new Random(4);
  const nCh = 3;
  const sds = [1, 5, 20];
  const samples = new Float32Array(10000 * nCh);
  for (let s = 0; s < 10000; s++)
    for (let c = 0; c < nCh; c++) samples[s * nCh + c] = sds[c]! * rng.normal();
  const noise = noiseLevelsFromRaw(samples, nCh);
  sds.forEach((sd, c) => assert.ok(Math.abs((noise[c] as number) / sd - 1) < 0.05, `channel ${c}`));
  // Exact: channel 1 of a 2-channel buffer is [10, 20, 30, 40, 50] -> MAD 10.
  const exact = noiseLevelsFromRaw([0, 10, 0, 20, 0, 30, 0, 40, 0, 50], 2);
  assert.equal(exact[1], 10 / MAD_TO_SD);
});

test('unwhitening is template · winv; predicted noise matches simulated unwhitened noise', () => {
  const winv = [2, 0.5, 0, 0.5, 1, 0.3, 0, 0.3, 3];
  const template = [1, 0, 2, 0, -1, 4];
  const out = unwhitenTemplate(template, 2, 3, winv);
  // Row t of the product, by hand: [1,0,2]·winv = [2, 1.1, 6]; [0,-1,4]·winv = [-0.5, 0.2, 11.7].
  [2, 1.1, 6, -0.5, 0.2, 11.7].forEach((v, i) =>
    assert.ok(Math.abs((out[i] as number) - v) < 1e-12),
  );
  const predicted = noiseLevelsFromWhitening(winv, 3, 2);
  const rng = new Random(9);
  const n = 40000;
  const white = Float64Array.from({ length: n * 3 }, () => 2 * rng.normal());
  const x = unwhitenTemplate(white, n, 3, winv);
  for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i * 3 + c] as number) ** 2;
    assert.ok(Math.abs(Math.sqrt(s / n) / (predicted[c] as number) - 1) < 0.02, `channel ${c}`);
  }
});

test('SNR uses the extremum channel of the requested sign and records its source', () => {
  // 3 samples x 4 channels; channel 2 has the deepest trough (-50), channel 3 the highest peak (+40).
  const w = [0, 0, -5, 0, -10, 3, -50, 40, 2, -1, 10, -20];
  const noise = [5, 5, 10, 4];
  const neg = computeSnr({ waveform: w, nt: 3, nc: 4, noise, source: 'raw' });
  assert.deepEqual(neg, { snr: 5, channel: 2, amplitude: 50, noise: 10, source: 'raw' });
  const pos = computeSnr({ waveform: w, nt: 3, nc: 4, noise, source: 'template', peakSign: 'pos' });
  assert.deepEqual(pos, { snr: 10, channel: 3, amplitude: 40, noise: 4, source: 'template' });
  assert.deepEqual(Array.from(channelAmplitudes(w, 3, 4, 'neg', 'peak_to_peak')), [12, 4, 60, 60]);
  const forced = computeSnr({ waveform: w, nt: 3, nc: 4, noise, source: 'raw', channel: 0 });
  assert.equal(forced.snr, 2);
  assert.ok(
    Number.isNaN(computeSnr({ waveform: w, nt: 3, nc: 4, noise: [0, 0, 0, 0], source: 'raw' }).snr),
  );
});
