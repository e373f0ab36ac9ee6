/**
 * @file Curation groups (Phy's `group` field) and per-cluster label values.
 *
 * Phy reads every TSV cell through Python's int(), then float(), else keeps the string, and writes
 * it back with str(). To write the same bytes we must remember which of the three a value was:
 * `12` (int) and `12.0` (float) are different files on disk. Hence the tagged LabelValue.
 */

/** The values Phy writes to cluster_group.tsv. `unsorted` only when a user explicitly chose it. */
export const GROUPS = ['good', 'mua', 'noise', 'unsorted'] as const;
export type Group = (typeof GROUPS)[number];

export function isGroup(value: unknown): value is Group {
  return typeof value === 'string' && (GROUPS as readonly string[]).includes(value);
}

/** A cell of a cluster_<field>.tsv, typed as Phy's reader types it. */
export type LabelValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string };

export const strValue = (value: string): LabelValue => ({ kind: 'str', value });
export const intValue = (value: number): LabelValue => ({ kind: 'int', value });
export const floatValue = (value: number): LabelValue => ({ kind: 'float', value });

/** Python equality: numbers compare by value across int/float (3 == 3.0), strings by content. */
export function labelValuesEqual(a: LabelValue, b: LabelValue): boolean {
  if (a.kind === 'str' || b.kind === 'str') return a.kind === b.kind && a.value === b.value;
  return a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value));
}

/** The label field that holds the curation group. */
export const GROUP_FIELD = 'group';
