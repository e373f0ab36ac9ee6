/**
 * @file Phy's raw-block processing: lfilter against a direct-form-I difference equation written
 * independently, and the whole median + forward/backward pipeline against values printed by
 * numpy/scipy (`x - median(x, 0)`, `lfilter`, flip, `lfilter`, flip) during development.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phyHighPass, type IirFilter } from '../../../../electron/core/views/butterworth.js';
import {
  lfilterInPlace,
  medianInPlace,
  processRawBlock,
  subtractChannelMedians,
} from '../../../../electron/core/views/filter.js';
import { Random } from '../../../../shared/util/random.js';

/** y[n] = (sum_k b[k] x[n-k] - sum_{k>=1} a[k] y[n-k]) / a[0], zero history. */
function directForm(f: IirFilter, x: number[]): number[] {
  const y: number[] = [];
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let k = 0; k < f.b.length; k++)
      if (n - k >= 0) acc += (f.b[k] as number) * (x[n - k] as number);
    for (let k = 1; k < f.a.length; k++)
      if (n - k >= 0) acc -= (f.a[k] as number) * (y[n - k] as number);
    y.push(acc / (f.a[0] as number));
  }
  return y;
}

test('lfilter equals the difference equation, forwards and reversed, on strided data', () => {
  const rng = new Random(11);
  const f = phyHighPass(30000);
  const nT = 200;
  const nC = 3;
  const data = Float64Array.from({ length: nT * nC }, () => rng.normal() * 50);
  const col = (c: number) => Array.from({ length: nT }, (_, t) => data[t * nC + c] as number);
  const x1 = col(1);
  const work = Float64Array.from(data);
  lfilterInPlace(f, work, 1, nC, nT);
  const expected = directForm(f, x1);
  for (let t = 0; t < nT; t++)
    assert.ok(Math.abs((work[t * nC + 1] as number) - (expected[t] as number)) < 1e-9);
  // Other channels untouched.
  for (let t = 0; t < nT; t++) assert.equal(work[t * nC], data[t * nC]);
  const rev = Float64Array.from(data);
  lfilterInPlace(f, rev, 2, nC, nT, true);
  const expectedRev = directForm(f, col(2).reverse()).reverse();
  for (let t = 0; t < nT; t++)
    assert.ok(Math.abs((rev[t * nC + 2] as number) - (expectedRev[t] as number)) < 1e-9);
});

test('median subtraction uses numpy median (mean of the middle two for even lengths)', () => {
  const data = Float64Array.from([5, 1, 9, 2, 3, 8, 7, 4]); // 4 samples x 2 channels
  subtractChannelMedians(data, 4, 2);
  // channel 0: 5, 9, 3, 7 -> median 6; channel 1: 1, 2, 8, 4 -> median 3
  assert.deepEqual(Array.from(data), [-1, -2, 3, -1, -3, 5, 1, 1]);
});

test("median + Phy's forward/backward high-pass equals numpy/scipy", () => {
  const n = 16;
  const block = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    block[2 * i] = Math.sin(0.3 * i) * 100 + 0.5 * i * i;
    block[2 * i + 1] = (i % 5) * 7 - 3;
  }
  const out = processRawBlock(block, n, 2, phyHighPass(30000));
  // prettier-ignore
  const ch0 = [-60.368841184263594, -30.25367930939581, -1.7766313233263968, 22.65832297566863, 41.09774902465219, 52.21325265056495, 55.420142159354015, 50.9296576394189, 39.73010199854439, 23.498559246833093, 4.451085970159195, -14.855242056699247, -31.75074553247014, -43.691615878833275, -48.48714588457665, -44.49541890880467];
  // prettier-ignore
  const ch1 = [-13.648834692108812, -6.639610053860562, 0.36972640225732856, 7.379174563538453, 14.388734351015444, -13.60159428823166, -6.591811385351451, 0.41808304827063236, 7.428089017493589, 14.438206537243964, -13.55156437325879, -6.541223692814287, 0.4692286017622036, 7.479792534180787, 14.490468124608487, -13.498744613947805];
  // The float32 input (block) rounds sin() slightly; the output is float32 too.
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs((out[2 * i] as number) - (ch0[i] as number)) < 1e-3, `ch0[${i}]`);
    assert.ok(Math.abs((out[2 * i + 1] as number) - (ch1[i] as number)) < 1e-4, `ch1[${i}]`);
  }
  // Without a filter only the medians are removed.
  const plain = processRawBlock(block, n, 2, null);
  // channel 1 holds -3 x4, 4 x3, 11 x3, 18 x3, 25 x3: sorted items 8 and 9 are both 11.
  assert.equal(plain[1], (block[1] as number) - 11);
});

test('quickselect median equals the sorted median, odd and even lengths, with ties', () => {
  const rng = new Random(3);
  for (const n of [1, 2, 3, 10, 11, 64, 101]) {
    for (let rep = 0; rep < 20; rep++) {
      const v = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4));
      const s = [...v].sort((x, y) => x - y);
      const h = n >> 1;
      const expected = n % 2 ? s[h] : ((s[h - 1] as number) + (s[h] as number)) / 2;
      const got = medianInPlace(Float64Array.from(v));
      assert.ok(got === expected, `n=${n}: ${got} vs ${expected}`); // -0 === 0 on purpose
    }
  }
  assert.ok(Number.isNaN(medianInPlace(new Float64Array(0))));
});
