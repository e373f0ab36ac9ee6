/**
 * @file Independent reference implementations for the raw-data tests: Phy's 30 kHz high-pass as a
 * plain difference equation with SciPy's printed coefficients, numpy-style median removal, and raw
 * samples read straight from the int16 file (385 interleaved columns, the generator's layout).
 */
import { closeSync, openSync, readSync } from 'node:fs';

// scipy.signal.butter(3, 150 / 30000 * 2, 'high')
const B = [0.969071174031813, -2.907213522095439, 2.907213522095439, -0.969071174031813];
const A = [1, -2.9371707284498907, 2.8762997234793315, -0.939098940325283];

/** `scipy.signal.lfilter(B, A, x)` as y[n] = sum b x - sum a y. */
export function highPass30k(x: number[]): number[] {
  const y: number[] = [];
  const at = (v: number[], i: number) => (i >= 0 ? (v[i] as number) : 0);
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let k = 0; k < 4; k++) acc += (B[k] as number) * at(x, n - k);
    for (let k = 1; k < 4; k++) acc -= (A[k] as number) * at(y, n - k);
    y.push(acc);
  }
  return y;
}

/** Median removal then (optionally) Phy's lfilter / flip / lfilter / flip. */
export function phyProcess(x: number[], filter = true): number[] {
  const s = [...x].sort((a, b) => a - b);
  const h = s.length >> 1;
  const med = s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
  const centred = x.map((v) => v - med);
  return filter ? highPass30k(highPass30k(centred).reverse()).reverse() : centred;
}

/** Samples [start, start + n) of raw-file column `column` (int16, `nDat` columns). */
export function readRawColumn(
  path: string,
  start: number,
  n: number,
  column: number,
  nDat = 385,
): number[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n * nDat * 2);
    readSync(fd, buf, 0, buf.length, start * nDat * 2);
    return Array.from({ length: n }, (_, t) => buf.readInt16LE((t * nDat + column) * 2));
  } finally {
    closeSync(fd);
  }
}
