/**
 * @file The cluster table as rows and columns: which columns a ClusterTable offers, the value of
 * each cell, sorting (stable, missing values last) and filtering. Pure: the Svelte view and the
 * similarity table both use it.
 */
import type { ClusterTable } from '../../../shared/contract/types.js';
import type { CompiledFilter, FilterValue } from '../../table/filter-expr.js';
import { metricDigits } from './metrics-view.js';

/** A cell: numbers (NaN = missing), strings, or null (missing label). */
export type CellValue = number | string | null;

export interface ColumnDef {
  /** Key used by sort, filter and persisted column choices. */
  readonly key: string;
  /** Header text. */
  readonly title: string;
  readonly numeric: boolean;
  /** Digits after the decimal point for display (numbers only). */
  readonly digits: number;
}

/** Phy's fixed columns, in Phy's order; `group` is shown as "label". */
const FIXED: readonly ColumnDef[] = [
  { key: 'id', title: 'id', numeric: true, digits: 0 },
  { key: 'group', title: 'label', numeric: false, digits: 0 },
  { key: 'n_spikes', title: 'n_spikes', numeric: true, digits: 0 },
  { key: 'fr', title: 'fr', numeric: true, digits: 2 },
  { key: 'amp', title: 'amp', numeric: true, digits: 1 },
  { key: 'ch', title: 'ch', numeric: true, digits: 0 },
  { key: 'depth', title: 'depth', numeric: true, digits: 0 },
  { key: 'sh', title: 'sh', numeric: true, digits: 0 },
];

/** Columns shown until the user chooses: Phy's fixed ones and Kilosort's two label columns. */
export const DEFAULT_VISIBLE = [
  'id',
  'group',
  'n_spikes',
  'fr',
  'amp',
  'ch',
  'depth',
  'sh',
  'KSLabel',
  'ContamPct',
];

/** Every column the table can show: fixed, then label fields, then quality metrics. */
export function tableColumns(table: ClusterTable): ColumnDef[] {
  const out = [...FIXED];
  const seen = new Set(out.map((c) => c.key));
  for (const field of Object.keys(table.labels)) {
    if (seen.has(field)) continue;
    seen.add(field);
    const values = table.labels[field]!;
    const numeric = values.length > 0 && values.every((v) => v === null || typeof v === 'number');
    out.push({ key: field, title: field, numeric, digits: numeric ? 2 : 0 });
  }
  for (const name of Object.keys(table.metrics)) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ key: name, title: name, numeric: true, digits: metricDigits(name) });
  }
  return out;
}

/** Names the filter accepts: every column key, plus `label` as an alias of `group`. */
export function filterNames(columns: readonly ColumnDef[]): string[] {
  return [...columns.map((c) => c.key), 'label'];
}

/** The value of one cell; `row` indexes the table's arrays. */
export function cellValue(table: ClusterTable, row: number, key: string): CellValue {
  switch (key) {
    case 'id':
      return table.ids[row]!;
    case 'n_spikes':
      return table.nSpikes[row]!;
    case 'fr':
      return table.fr[row]!;
    case 'amp':
      return table.amp[row]!;
    case 'ch':
      return table.ch[row]! < 0 ? NaN : table.ch[row]!;
    case 'depth':
      return table.depth[row]!;
    case 'sh':
      return table.sh[row]!;
    case 'label':
      return table.labels['group']?.[row] ?? null;
  }
  const labels = table.labels[key];
  if (labels) return labels[row] ?? null;
  const metric = table.metrics[key];
  if (metric) return metric[row]!;
  return null;
}

/** The cell as the filter sees it (NaN -> null). */
export function filterValue(table: ClusterTable, row: number, key: string): FilterValue {
  const v = cellValue(table, row, key);
  return typeof v === 'number' && Number.isNaN(v) ? null : v;
}

function isMissing(v: CellValue): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Compares two cells ascending: numbers numerically, strings alphabetically, numbers before
 * strings. Missing values are handled by the caller (always last).
 */
function compareCells(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b));
}

/**
 * Row indices in display order: rows passing `filter`, sorted by `sortKey` (ties by id, ascending;
 * missing values last in both directions, as they carry no information to rank by).
 */
export function viewOrder(
  table: ClusterTable,
  sortKey: string,
  descending: boolean,
  filter: CompiledFilter | null,
): number[] {
  const rows: number[] = [];
  for (let r = 0; r < table.ids.length; r++) {
    if (!filter || filter.test((k) => filterValue(table, r, k))) rows.push(r);
  }
  const values = rows.map((r) => cellValue(table, r, sortKey));
  const idx = rows.map((_, i) => i);
  const sign = descending ? -1 : 1;
  idx.sort((i, j) => {
    const a = values[i]!;
    const b = values[j]!;
    const ma = isMissing(a);
    const mb = isMissing(b);
    if (ma !== mb) return ma ? 1 : -1;
    const c = ma ? 0 : sign * compareCells(a, b);
    return c !== 0 ? c : table.ids[rows[i]!]! - table.ids[rows[j]!]!;
  });
  return idx.map((i) => rows[i]!);
}

/** Map from cluster id to its row in the table arrays. */
export function rowIndex(table: ClusterTable): Map<number, number> {
  const m = new Map<number, number>();
  for (let r = 0; r < table.ids.length; r++) m.set(table.ids[r]!, r);
  return m;
}

/** Display text of a cell. */
export function formatCell(v: CellValue, col: ColumnDef): string {
  if (isMissing(v)) return '';
  if (typeof v === 'number')
    return col.digits === 0 ? String(Math.round(v)) : v.toFixed(col.digits);
  return String(v);
}

/** Label colours as Phy draws them (supervisor.py:281-293). */
export const GROUP_COLORS: Readonly<Record<string, string>> = {
  good: '#86D16D',
  mua: '#afafaf',
  noise: '#777777',
};
