/**
 * @file Output helpers shared by CLI commands: JSON, TSV and aligned plain-text tables, and
 * cell formatting for label values.
 */
import type { LabelValue } from '../../shared/domain/labels.js';

export type Cell = string | number | boolean | null | undefined;

export function labelToJson(value: LabelValue | undefined): string | number | null {
  if (value === undefined) return null;
  return value.value;
}

function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? value.toFixed(Math.abs(value) >= 100 ? 1 : 3) : String(value);
  }
  return String(value);
}

export function toTsv(columns: string[], rows: Cell[][]): string {
  const clean = (v: Cell) =>
    (v === null || v === undefined ? '' : String(v)).replace(/[\t\r\n]/g, ' ');
  return [columns.join('\t'), ...rows.map((r) => r.map(clean).join('\t'))].join('\n') + '\n';
}

export function toTable(columns: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(formatCell));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...text.map(line)].join('\n') + '\n';
}
