/**
 * @file A column of the virtual table, and default widths for the cluster table's columns.
 */

export interface TableColumn {
  key: string;
  title: string;
  numeric: boolean;
  /** Pixels. */
  width: number;
}

const WIDTHS: Record<string, number> = {
  id: 56,
  group: 64,
  n_spikes: 76,
  KSLabel: 64,
  similarity: 72,
};

/** A sensible width for a column key. */
export function columnWidth(key: string): number {
  return WIDTHS[key] ?? Math.max(56, Math.min(120, 8 * key.length + 16));
}
