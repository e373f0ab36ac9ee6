/**
 * @file Digital Butterworth filter design, numerically the same as SciPy's `butter(N, Wn, btype)`
 * with `output='ba'` (analog prototype `buttap`, `lp2lp_zpk` / `lp2hp_zpk`, `bilinear_zpk` with
 * SciPy's pre-warping at fs = 2, then `zpk2tf`). Phy's raw-data filter is
 * `butter(3, 150 / sample_rate * 2, 'high')`, so its coefficients must come out the same.
 */

/** Transfer-function coefficients, highest power of z^-1 last (`b[0] + b[1] z^-1 + ...`). */
export interface IirFilter {
  b: Float64Array;
  a: Float64Array;
}

/** A complex number as [re, im]: the design only needs a handful of them. */
type Complex = readonly [number, number];

const mul = (x: Complex, y: Complex): Complex => [
  x[0] * y[0] - x[1] * y[1],
  x[0] * y[1] + x[1] * y[0],
];
const div = (x: Complex, y: Complex): Complex => {
  const d = y[0] * y[0] + y[1] * y[1];
  return [(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d];
};
const add = (x: Complex, y: Complex): Complex => [x[0] + y[0], x[1] + y[1]];
const sub = (x: Complex, y: Complex): Complex => [x[0] - y[0], x[1] - y[1]];
const scale = (x: Complex, s: number): Complex => [x[0] * s, x[1] * s];

function prod(values: readonly Complex[]): Complex {
  return values.reduce<Complex>((acc, v) => mul(acc, v), [1, 0]);
}

/** `np.poly(roots)`: coefficients of prod(x - r), highest degree first (real part kept). */
function poly(roots: readonly Complex[]): Float64Array {
  let c: Complex[] = [[1, 0]];
  for (const r of roots) {
    const next: Complex[] = new Array<Complex>(c.length + 1).fill([0, 0]);
    for (let i = 0; i < c.length; i++) {
      next[i] = add(next[i] as Complex, c[i] as Complex);
      next[i + 1] = sub(next[i + 1] as Complex, mul(c[i] as Complex, r));
    }
    c = next;
  }
  // Roots come in conjugate pairs (or are real), so imaginary parts are rounding noise; NumPy
  // drops them the same way.
  return Float64Array.from(c, (v) => v[0]);
}

/**
 * Butterworth filter of order `order` with normalised cutoff `wn` in (0, 1) (1 = Nyquist), as
 * `scipy.signal.butter(order, wn, btype)`.
 */
export function butter(order: number, wn: number, btype: 'low' | 'high'): IirFilter {
  if (!(Number.isInteger(order) && order >= 1)) throw new RangeError('order must be >= 1');
  if (!(wn > 0 && wn < 1)) throw new RangeError(`cutoff ${wn} must be in (0, 1) (1 = Nyquist)`);
  // buttap: poles on the left unit half-circle, no zeros, gain 1.
  let poles: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const theta = (Math.PI * m) / (2 * order);
    poles.push([-Math.cos(theta), -Math.sin(theta)]);
  }
  let zeros: Complex[] = [];
  let gain = 1;
  // SciPy designs at fs = 2 and pre-warps the cutoff: warped = 2 * fs * tan(pi * wn / fs).
  const fs = 2;
  const warped = 2 * fs * Math.tan((Math.PI * wn) / fs);
  if (btype === 'low') {
    poles = poles.map((p) => scale(p, warped));
    gain *= warped ** order;
  } else {
    // lp2hp_zpk: p -> wo / p, zeros at the origin, k *= real(prod(-z) / prod(-p)).
    gain *= div([1, 0], prod(poles.map((p) => scale(p, -1))))[0];
    poles = poles.map((p) => div([warped, 0], p));
    zeros = poles.map((): Complex => [0, 0]);
  }
  // bilinear_zpk with fs2 = 2 * fs.
  const fs2: Complex = [2 * fs, 0];
  const zd = zeros.map((z) => div(add(fs2, z), sub(fs2, z)));
  const pd = poles.map((p) => div(add(fs2, p), sub(fs2, p)));
  for (let i = zeros.length; i < poles.length; i++) zd.push([-1, 0]);
  gain *= div(prod(zeros.map((z) => sub(fs2, z))), prod(poles.map((p) => sub(fs2, p))))[0];
  const b = poly(zd).map((v) => v * gain);
  return { b, a: poly(pd) };
}

/** Phy's raw-data filter: `butter(3, 150 Hz, 'high')` at the dataset's sample rate. */
export function phyHighPass(sampleRate: number): IirFilter {
  return butter(3, (150 / sampleRate) * 2, 'high');
}
