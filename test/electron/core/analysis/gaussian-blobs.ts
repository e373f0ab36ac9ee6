/**
 * @file Test fixture: labelled Gaussian blobs in d dimensions from a seeded Random, plus a small
 * Gauss-Jordan inverse used as an independent oracle for the Cholesky-based code under test.
 */

import { Random } from '../../../../shared/util/random.js';
import type { FeatureMatrix } from '../../../../electron/core/analysis/feature-matrix.js';

export interface Blob {
  label: number;
  n: number;
  mean: number[];
  /** Per-dimension SD (axis-aligned), or one SD for all dimensions. */
  sd: number[] | number;
}

/** Rows of all blobs in blob order, with their labels. */
export function gaussianBlobs(blobs: Blob[], seed: number): FeatureMatrix {
  const rng = new Random(seed);
  const d = blobs[0]?.mean.length ?? 0;
  const n = blobs.reduce((s, b) => s + b.n, 0);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  let r = 0;
  for (const b of blobs) {
    for (let i = 0; i < b.n; i++, r++) {
      labels[r] = b.label;
      for (let j = 0; j < d; j++) {
        const sd = typeof b.sd === 'number' ? b.sd : (b.sd[j] as number);
        data[r * d + j] = (b.mean[j] as number) + sd * rng.normal();
      }
    }
  }
  return { data, n, d, labels };
}

/** Inverse of a small dense matrix by Gauss-Jordan elimination with partial pivoting. */
export function gaussJordanInverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/** Rows of a FeatureMatrix with the given label, as plain arrays. */
export function rowsOf(f: FeatureMatrix, label: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < f.n; i++) {
    if (f.labels[i] === label) out.push(Array.from(f.data.subarray(i * f.d, (i + 1) * f.d)));
  }
  return out;
}

/** Builds a FeatureMatrix from literal rows per label (labels in the given order). */
export function fromRows(groups: Array<[number, number[][]]>): FeatureMatrix {
  const rows = groups.flatMap(([, r]) => r);
  const d = rows[0]?.length ?? 0;
  return {
    data: Float64Array.from(rows.flat()),
    n: rows.length,
    d,
    labels: Int32Array.from(groups.flatMap(([l, r]) => r.map(() => l))),
  };
}
