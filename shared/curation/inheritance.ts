/**
 * @file Label inheritance on merge/split: Phy's `ClusterMeta.set_from_descendants`.
 *
 * For each field, look at the parents' values (absent values ignored):
 *   - none                   -> the children get nothing;
 *   - one distinct value     -> every child gets it;
 *   - several distinct values -> every child gets the value of the LARGEST parent (most spikes,
 *     counted before the action). If that parent has no value, the children get nothing — Phy
 *     then sets the default `None`, i.e. no label.
 * Ties in size go to the smallest parent id, as numpy's `bincount(...).argmax()` does.
 * "Distinct" uses Python equality (3 == 3.0); when equal values differ in kind (int vs float),
 * the one of the smallest parent id is kept (Phy's pick there depends on hash order).
 *
 * Deliberate deviation from Phy: fields listed as non-inherited (by default the sorter metrics
 * KSLabel, ContamPct, Amplitude) are NOT copied to children. Phy copies them, so a merged cluster
 * shows a stale contamination or KS label (phy issues #1293, #1295, #1308); our app recomputes them.
 */

import type { ClusterId } from '../domain/ids.js';
import { labelValuesEqual, type LabelValue } from '../domain/labels.js';

/** The sorter metric fields that Kilosort writes and that children do not inherit by default. */
export const DEFAULT_NON_INHERITED_FIELDS: readonly string[] = [
  'KSLabel',
  'ContamPct',
  'Amplitude',
];

/** The parent with the most spikes; ties go to the smallest id. */
export function largestParent(
  parents: readonly ClusterId[],
  sizeOf: (id: ClusterId) => number,
): ClusterId {
  let best: ClusterId | undefined;
  let bestSize = -1;
  for (const id of parents) {
    const size = sizeOf(id);
    if (size > bestSize || (size === bestSize && best !== undefined && id < best)) {
      best = id;
      bestSize = size;
    }
  }
  if (best === undefined) throw new Error('largestParent: no parents');
  return best;
}

/**
 * The (field, value) pairs every child of an action receives.
 *
 * @param parents the deleted clusters (any order; ascending gives Phy's pick among equal values)
 * @param largest the parent with the most spikes (see {@link largestParent})
 * @param fields every known field
 * @param get the parents' current labels
 * @param nonInherited fields never copied to children
 */
export function inheritedLabels(
  parents: readonly ClusterId[],
  largest: ClusterId,
  fields: readonly string[],
  get: (field: string, id: ClusterId) => LabelValue | undefined,
  nonInherited: ReadonlySet<string>,
): Array<[string, LabelValue]> {
  const ordered = [...parents].sort((a, b) => a - b);
  const out: Array<[string, LabelValue]> = [];
  for (const field of fields) {
    if (nonInherited.has(field)) continue;
    const distinct: LabelValue[] = [];
    for (const id of ordered) {
      const value = get(field, id);
      if (value !== undefined && !distinct.some((d) => labelValuesEqual(d, value))) {
        distinct.push(value);
      }
    }
    if (distinct.length === 0) continue;
    const value = distinct.length === 1 ? distinct[0] : get(field, largest);
    if (value !== undefined) out.push([field, value]);
  }
  return out;
}
