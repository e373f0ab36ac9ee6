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

/**
 * Fields a user label may not take: the columns Phy computes into cluster_info.tsv, and the
 * sorter metrics the analysis engine recomputes (a user value there would be overwritten, or
 * make two columns of one name).
 */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'cluster_id',
  'amp',
  'ch',
  'depth',
  'fr',
  'n_spikes',
  'sh',
  'KSLabel',
  'ContamPct',
  'Amplitude',
]);

/**
 * Why `name` cannot be a label field set by the user (null when it can). It becomes the file
 * `cluster_<name>.tsv`, so only a letter then letters, digits and `_`; the group has its own
 * commands (good/mua/noise/unsorted).
 */
export function userFieldProblem(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) {
    return `'${name}' is not a label field name (a letter, then letters, digits or _; it names the file cluster_${name}.tsv)`;
  }
  if (name === GROUP_FIELD) return `the ${GROUP_FIELD} is set with good/mua/noise/unsorted`;
  if (RESERVED_FIELDS.has(name)) return `'${name}' is computed by Kilocurate, not a label field`;
  return null;
}

/** Why `value` cannot be a label value (null when it can): non-empty, one line, not too long. */
export function userValueProblem(value: string): string | null {
  if (value.length === 0) return 'a label value must not be empty';
  if (value.length > 200) return 'a label value has at most 200 characters';
  if (/[\t\r\n]/.test(value)) return 'a label value must be on one line, without tabs';
  return null;
}
