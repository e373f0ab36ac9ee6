/**
 * @file Argument checks for curation actions. They run before any mutation, so a refused action
 * leaves the model untouched (the journal only ever records actions that applied).
 */

import type { ClusterId, SpikeIndex } from '../domain/ids.js';
import type { LabelValue } from '../domain/labels.js';
import { CurationError } from './errors.js';
import { makeSelection, type Selection } from './selection.js';
import { normalizeSpikes } from './sorted-ops.js';

const isIdArray = (x: unknown): x is readonly number[] =>
  Array.isArray(x) && x.every((v) => Number.isSafeInteger(v));

/** Distinct existing cluster ids, ascending. Throws unless there are at least `min` of them. */
export function checkClusterIds(
  ids: unknown,
  exists: (id: ClusterId) => boolean,
  min: number,
): ClusterId[] {
  if (!isIdArray(ids))
    throw new CurationError('invalid-action', 'clusterIds must be an array of integers');
  const distinct = [...new Set(ids)].sort((a, b) => a - b);
  const unknown = distinct.filter((id) => !exists(id));
  if (unknown.length > 0) {
    throw new CurationError('unknown-cluster', `unknown cluster(s): ${unknown.join(', ')}`);
  }
  if (distinct.length < min) {
    throw new CurationError('invalid-action', `at least ${min} distinct cluster(s) required`);
  }
  return distinct;
}

/**
 * A label field name: a non-empty string without tab/newline (it becomes a TSV header cell) and
 * without a path separator or NUL (it becomes the file name `cluster_<field>.tsv`: a field must
 * never make a save write outside the dataset folder).
 */
export function checkField(field: unknown): string {
  if (typeof field !== 'string' || field.length === 0 || /[\t\r\n/\\\0]/.test(field)) {
    throw new CurationError('invalid-action', `invalid label field name: ${JSON.stringify(field)}`);
  }
  return field;
}

/** A LabelValue as typed by Phy's TSV reader, or null (remove). */
export function checkLabelValue(value: unknown): LabelValue | null {
  if (value === null) return null;
  const v = value as { kind?: unknown; value?: unknown };
  const ok =
    typeof v === 'object' &&
    ((v.kind === 'str' && typeof v.value === 'string') ||
      (v.kind === 'float' && typeof v.value === 'number') ||
      (v.kind === 'int' && Number.isInteger(v.value)));
  if (!ok)
    throw new CurationError('invalid-action', `invalid label value: ${JSON.stringify(value)}`);
  return { kind: v.kind, value: v.value } as LabelValue;
}

/** Sorted distinct spike indices, all in [0, nSpikes); refuses an empty selection. */
export function checkSpikes(spikes: unknown, nSpikes: number): Uint32Array {
  if (!(spikes instanceof Uint32Array) && !isIdArray(spikes)) {
    throw new CurationError('invalid-action', 'spikes must be a Uint32Array or an integer array');
  }
  const list = spikes as ArrayLike<SpikeIndex>;
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as number;
    if (!(s >= 0 && s < nSpikes)) {
      throw new CurationError('invalid-spike', `spike index ${s} out of range [0, ${nSpikes})`);
    }
  }
  if (list.length === 0) throw new CurationError('empty-selection', 'no spikes selected');
  return normalizeSpikes(list);
}

/** A frozen copy of an optional selection argument. */
export function checkSelection(selection: unknown): Selection | undefined {
  if (selection === undefined) return undefined;
  const s = selection as { clusters?: unknown; similar?: unknown };
  if (typeof s !== 'object' || s === null || !isIdArray(s.clusters) || !isIdArray(s.similar)) {
    throw new CurationError(
      'invalid-action',
      'selection must be {clusters: number[], similar: number[]}',
    );
  }
  return makeSelection(s.clusters, s.similar);
}
