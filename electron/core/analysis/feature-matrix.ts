/**
 * @file The input shape of every feature-space metric: a row-major matrix of spike features plus the
 * cluster label of each row, and helpers to index its rows by label.
 *
 * For the quality metrics of unit u (SpikeInterface convention), the rows are u's spikes and the
 * spikes of u's neighbour units, and the columns are the PCs on u's channels, flattened
 * channel-major or PC-major (any fixed order; the metrics are invariant to column order).
 */

import type { Rows } from './linalg.js';

/** n spikes x d features, row-major, with one cluster label per row. */
export interface FeatureMatrix extends Rows {
  data: Float32Array | Float64Array;
  /** Cluster id of each row (length n). */
  labels: ArrayLike<number>;
}

/** Row indices whose label equals / differs from `unit`, each in ascending row order. */
export function partitionRows(
  labels: ArrayLike<number>,
  unit: number,
): { self: Int32Array; other: Int32Array } {
  let nSelf = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === unit) nSelf++;
  const self = new Int32Array(nSelf);
  const other = new Int32Array(labels.length - nSelf);
  let a = 0;
  let b = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === unit) self[a++] = i;
    else other[b++] = i;
  }
  return { self, other };
}

/** Row indices per distinct label, labels in ascending order. */
export function rowsByLabel(labels: ArrayLike<number>): Map<number, Int32Array> {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const out = new Map<number, Int32Array>();
  const fill = new Map<number, number>();
  for (const l of [...counts.keys()].sort((x, y) => x - y)) {
    out.set(l, new Int32Array(counts.get(l) as number));
    fill.set(l, 0);
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    const k = fill.get(l) as number;
    (out.get(l) as Int32Array)[k] = i;
    fill.set(l, k + 1);
  }
  return out;
}
