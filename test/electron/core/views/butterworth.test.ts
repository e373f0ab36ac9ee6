/**
 * @file Butterworth design against SciPy: the constants below were printed by
 * `scipy.signal.butter` (SciPy 1.17) during development; Phy's filter is the first case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { butter, phyHighPass } from '../../../../electron/core/views/butterworth.js';

function close(actual: Float64Array, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    assert.ok(Math.abs(a - e) <= 1e-12 * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  });
}

test("Phy's butter(3, 150 Hz, 'high') at 30, 25 and 20 kHz matches scipy", () => {
  const cases: Array<[number, number[], number[]]> = [
    [
      30000,
      [0.969071174031813, -2.907213522095439, 2.907213522095439, -0.969071174031813],
      [1.0, -2.9371707284498907, 2.8762997234793315, -0.939098940325283],
    ],
    [
      25000,
      [0.9630005027993445, -2.8890015083980334, 2.8890015083980334, -0.9630005027993445],
      [1.0, -2.9246062354506974, 2.852027818593894, -0.9273699683501638],
    ],
    [
      20000,
      [0.9539650414384022, -2.8618951243152067, 2.8618951243152067, -0.9539650414384022],
      [1.0, -2.9057609235003685, 2.815910107876166, -0.9100493001306842],
    ],
  ];
  for (const [fs, b, a] of cases) {
    const f = phyHighPass(fs);
    close(f.b, b, `b at ${fs}`);
    close(f.a, a, `a at ${fs}`);
  }
});

test('other orders and the low-pass branch match scipy', () => {
  const hp4 = butter(4, 0.2, 'high');
  close(
    hp4.b,
    [
      0.43284664499029174, -1.731386579961167, 2.5970798699417506, -1.731386579961167,
      0.43284664499029174,
    ],
    'b hp4',
  );
  close(
    hp4.a,
    [1.0, -2.3695130071820376, 2.31398841441588, -1.0546654058785674, 0.18737949236818488],
    'a hp4',
  );
  const hp5 = butter(5, 0.05, 'high');
  close(
    hp5.b,
    [
      0.7753165952469473, -3.8765829762347366, 7.753165952469473, -7.753165952469473,
      3.8765829762347366, -0.7753165952469473,
    ],
    'b hp5',
  );
  close(
    hp5.a,
    [
      1.0, -4.491830965077046, 8.094055417826649, -7.312081280150384, 3.3110475619883992,
      -0.6011158228598386,
    ],
    'a hp5',
  );
  const hp2 = butter(2, 0.3, 'high');
  close(hp2.b, [0.5050010290458776, -1.0100020580917553, 0.5050010290458776], 'b hp2');
  close(hp2.a, [1.0, -0.7477891782585034, 0.27221493792500717], 'a hp2');
  const lp3 = butter(3, 0.1, 'low');
  close(
    lp3.b,
    [0.00289819463372143, 0.008694583901164291, 0.008694583901164291, 0.00289819463372143],
    'b lp3',
  );
  close(lp3.a, [1.0, -2.374094743709352, 1.929355669091215, -0.5320753683120918], 'a lp3');
});

test('a high-pass has zero gain at DC and unit gain at Nyquist', () => {
  const { b, a } = phyHighPass(30000);
  const sum = (v: Float64Array, alt: boolean) =>
    v.reduce((acc, x, i) => acc + (alt && i % 2 === 1 ? -x : x), 0);
  assert.ok(Math.abs(sum(b, false) / sum(a, false)) < 1e-12);
  assert.ok(Math.abs(sum(b, true) / sum(a, true) - 1) < 1e-12);
});

test('invalid designs are refused', () => {
  assert.throws(() => butter(0, 0.1, 'high'), RangeError);
  assert.throws(() => butter(3, 1, 'high'), RangeError);
  assert.throws(() => butter(3, 0, 'low'), RangeError);
});
