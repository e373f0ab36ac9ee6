import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chi2Cdf,
  chi2Sf,
  gammaP,
  gammaQ,
  lnGamma,
  poissonCdf,
} from '../../../../electron/core/analysis/incomplete-gamma.js';

const close = (actual: number, expected: number, rel: number, what: string): void => {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= rel, `${what}: got ${actual}, expected ${expected} (rel err ${err})`);
};

// Reference values from scipy 1.17 (stats.chi2.cdf / .sf, stats.poisson.cdf, special.gammaln).
const CHI2: Array<[x: number, df: number, cdf: number, sf: number]> = [
  [0.5, 1, 0.5204998778130466, 0.47950012218695337],
  [3.84, 1, 0.9499564787512949, 0.05004352124870519],
  [10, 3, 0.9814338645369568, 0.01856613546304325],
  [60, 60, 0.52428301389368, 0.4757169861063199],
  [100, 60, 0.999083171138544, 0.0009168288614560842],
  [200, 60, 0.9999999999999999, 5.893259698661661e-17],
  [1e-3, 10, 2.6030818297031814e-19, 1.0],
  [50, 2, 0.9999999999861121, 1.3887943864964e-11],
  [300, 30, 1.0, 2.64804848563084e-46],
  [5, 12, 0.04202103819530614, 0.9579789618046939],
];

test('chi-square CDF and survival function match scipy, tails included', () => {
  for (const [x, df, cdf, sf] of CHI2) {
    close(chi2Cdf(x, df), cdf, 1e-12, `cdf(${x}, ${df})`);
    close(chi2Sf(x, df), sf, 1e-11, `sf(${x}, ${df})`);
  }
  assert.equal(chi2Cdf(0, 3), 0);
  assert.equal(chi2Sf(-1, 3), 1);
});

test('closed forms: df = 2 is exponential, df = 4 is exp(-x/2)(1 + x/2)', () => {
  for (const x of [0.01, 0.7, 3, 12.5, 40, 90]) {
    close(chi2Sf(x, 2), Math.exp(-x / 2), 1e-13, `sf2(${x})`);
    close(chi2Sf(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-13, `sf4(${x})`);
  }
});

test('P + Q = 1 across the series / continued-fraction switch', () => {
  for (const a of [0.5, 1, 2.5, 7, 30, 250]) {
    for (const x of [0.1, a, a + 0.999, a + 1, a + 1.001, 3 * a + 5]) {
      close(gammaP(a, x) + gammaQ(a, x), 1, 1e-13, `P+Q(${a}, ${x})`);
    }
  }
  assert.ok(Number.isNaN(gammaP(0, 1)) && Number.isNaN(gammaQ(1, -1)));
});

test('lnGamma matches scipy gammaln and factorials', () => {
  const ref: Array<[number, number]> = [
    [0.5, 0.5723649429247],
    [1, 0],
    [3.5, 1.2009736023470743],
    [10, 12.801827480081469],
    [100.25, 360.28455963776423],
  ];
  for (const [a, v] of ref) assert.ok(Math.abs(lnGamma(a) - v) < 1e-12, `lnGamma(${a})`);
  let f = 1;
  for (let n = 1; n < 20; n++) {
    f *= n;
    close(lnGamma(n + 1), Math.log(f), 1e-13, `ln(${n}!)`);
  }
});

test('Poisson CDF matches scipy and a direct sum of the pmf', () => {
  const ref: Array<[number, number, number]> = [
    [0, 0.1, 0.9048374180359595],
    [3, 5.5, 0.20169919870252867],
    [10, 3, 0.9997076630493527],
    [50, 60, 0.10767787862197316],
  ];
  for (const [k, l, v] of ref) close(poissonCdf(k, l), v, 1e-12, `poisson(${k}, ${l})`);
  let term = Math.exp(-4.2);
  let sum = term;
  for (let k = 1; k <= 8; k++) {
    term *= 4.2 / k;
    sum += term;
  }
  close(poissonCdf(8, 4.2), sum, 1e-13, 'direct sum');
  assert.equal(poissonCdf(-1, 2), 0);
  assert.equal(poissonCdf(3, 0), 1);
});
