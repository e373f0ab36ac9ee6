/**
 * @file Phy's cluster TSV/CSV files: read like phylib `read_tsv`, write like `_write_tsv_simple`
 * (cluster_<field>.tsv) and `write_tsv` (cluster_info.tsv), byte for byte.
 *
 * Reading mimics Python: universal newlines (CRLF, LF, lone CR), the csv module's excel dialect
 * (quotes, `""` escapes, lenient about stray quotes), tab delimiter iff the first line contains a
 * tab, empty cells skipped, each cell typed by int() then float() then kept as a string. Writing
 * mimics `csv.writer` (minimal quoting, CRLF). See phy-semantics.md §2.5 and §2.6.
 */

import type { LabelValue } from '../../../shared/domain/labels.js';
import {
  comparePythonStr,
  formatPercentF,
  formatPythonFloat,
  formatPythonInt,
  parsePythonFloat,
  parsePythonInt,
} from './python-format.js';

/** One csv record and the (1-based) line of the file where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A parsed cluster TSV: the label columns and, per cluster id, its non-empty cells. */
export interface ClusterTsv {
  /** Header columns other than `cluster_id`, in file order, without duplicates. */
  fields: string[];
  /** cluster id -> field -> value; empty cells are absent, as in Phy. */
  rows: Map<number, Map<string, LabelValue>>;
  /** Things Phy silently tolerates but a user may want to know (ignored rows or cells). */
  warnings: string[];
}

const enum State {
  StartRecord,
  StartField,
  InField,
  InQuotedField,
  QuoteInQuotedField,
}

/**
 * Python `csv.reader(f, delimiter=...)` over a text opened in universal-newline mode: the state
 * machine of CPython's `_csv.c` for the excel dialect (non-strict). A blank line is an empty
 * record; quoted cells may span lines; an unterminated quote runs to the end of the input.
 */
export function readCsvRecords(text: string, delimiter: string): CsvRecord[] {
  const src = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let state = State.StartRecord;
  let line = 1;
  let recordLine = 1;
  const save = (): void => {
    cells.push(field);
    field = '';
  };
  const endRecord = (): void => {
    if (state !== State.InQuotedField) {
      if (state !== State.StartRecord) save();
      records.push({ line: recordLine, cells });
      cells = [];
      state = State.StartRecord;
    }
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (state === State.StartRecord) {
      recordLine = line;
      if (c !== '\n') state = State.StartField;
    }
    if (c === '\n') {
      line++;
      if (state === State.InQuotedField) field += c;
      endRecord();
      continue;
    }
    switch (state) {
      case State.StartField:
        if (c === '"') state = State.InQuotedField;
        else if (c === delimiter) save();
        else {
          field += c;
          state = State.InField;
        }
        break;
      case State.InField:
        if (c === delimiter) {
          save();
          state = State.StartField;
        } else field += c;
        break;
      case State.InQuotedField:
        if (c === '"') state = State.QuoteInQuotedField;
        else field += c;
        break;
      case State.QuoteInQuotedField:
        if (c === '"') {
          field += c;
          state = State.InQuotedField;
        } else if (c === delimiter) {
          save();
          state = State.StartField;
        } else {
          field += c; // `"ab"c` reads as `abc` (non-strict dialect)
          state = State.InField;
        }
        break;
    }
  }
  // The last line without a newline ends its record too; an open quote is closed by the EOF.
  if (src.length > 0 && !src.endsWith('\n')) endRecord();
  if (state === State.InQuotedField) {
    save();
    records.push({ line: recordLine, cells });
  }
  return records;
}

/** phylib `_try_make_number`: Python int(), else float(), else the string itself. */
export function coerceCell(cell: string): LabelValue {
  const asInt = parsePythonInt(cell);
  if (asInt !== undefined) return { kind: 'int', value: asInt };
  const asFloat = parsePythonFloat(cell);
  if (asFloat !== undefined) return { kind: 'float', value: asFloat };
  return { kind: 'str', value: cell };
}

/**
 * Parse a cluster TSV/CSV (`cluster_group.tsv`, `cluster_KSLabel.tsv`, any `*.csv` Phy would load).
 * Throws an Error naming `fileName` when there is no header or no `cluster_id` column, when a
 * cluster_id is not a Python integer, or when a cluster id appears twice (Phy would silently keep
 * the last row). Rows whose cluster_id cell is empty are skipped, like Phy.
 */
export function parseClusterTsv(text: string, fileName: string): ClusterTsv {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const firstLine = /^[^\r\n]*/.exec(body)![0];
  const records = readCsvRecords(body, firstLine.includes('\t') ? '\t' : ',');
  const header = records[0]?.cells;
  if (!header || header.length === 0) {
    throw new Error(`${fileName}: empty file (no header row, so no cluster_id column)`);
  }
  const idColumn = header.lastIndexOf('cluster_id'); // Python's dict keeps the last duplicate
  if (idColumn < 0) {
    throw new Error(`${fileName}: no cluster_id column (header: ${header.join(', ')})`);
  }
  const fields = [...new Set(header.filter((name) => name !== 'cluster_id'))];
  const rows = new Map<number, Map<string, LabelValue>>();
  const lineOf = new Map<number, number>();
  const warnings: string[] = [];
  for (const { line, cells } of records.slice(1)) {
    const idCell = cells[idColumn] ?? '';
    if (idCell === '') {
      if (cells.some((cell) => cell !== '')) {
        warnings.push(`${fileName}, line ${line}: no cluster_id; row ignored`);
      }
      continue;
    }
    const id = parsePythonInt(idCell);
    if (id === undefined || !Number.isSafeInteger(id)) {
      throw new Error(`${fileName}, line ${line}: cluster_id '${idCell}' is not an integer`);
    }
    if (rows.has(id)) {
      const first = lineOf.get(id);
      throw new Error(`${fileName}: duplicated cluster_id ${id} (lines ${first} and ${line})`);
    }
    if (cells.length > header.length) {
      warnings.push(`${fileName}, line ${line}: more cells than header columns; extra ignored`);
    }
    const values = new Map<string, LabelValue>();
    header.forEach((name, column) => {
      const cell = cells[column];
      if (column !== idColumn && name !== 'cluster_id' && cell !== undefined && cell !== '') {
        values.set(name, coerceCell(cell));
      }
    });
    rows.set(id, values);
    lineOf.set(id, line);
  }
  return { fields, rows, warnings };
}

/** One row as Python's `csv.writer` writes it (QUOTE_MINIMAL, `"` doubled, CRLF terminator). */
export function formatCsvRow(cells: readonly string[], delimiter: string): string {
  // A record that would be an empty line is written as `""` so that it reads back as one cell.
  if (cells.length === 1 && cells[0] === '') return '""\r\n';
  const quoted = cells.map((cell) =>
    cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell,
  );
  return `${quoted.join(delimiter)}\r\n`;
}

/** Python `str(value)` of a label value as Phy loaded it: `100.0` stays `100.0`, `7` stays `7`. */
export function formatLabelValue(value: LabelValue): string {
  if (value.kind === 'str') return value.value;
  return value.kind === 'int' ? formatPythonInt(value.value) : formatPythonFloat(value.value);
}

/**
 * `cluster_<field>.tsv` exactly as Phy's `_write_tsv_simple` writes it: header
 * `cluster_id<TAB><field>`, rows sorted by cluster id, values via Python str(), CRLF endings.
 * Pass only clusters that exist and have a value (Phy drops None). Throws on a non-integer or
 * duplicated cluster id.
 */
export function formatLabelTsv(
  field: string,
  rows: ReadonlyArray<readonly [clusterId: number, value: LabelValue]>,
): string {
  const sorted = [...rows].sort((a, b) => a[0] - b[0]);
  let out = formatCsvRow(['cluster_id', field], '\t');
  sorted.forEach(([id, value], i) => {
    if (!Number.isInteger(id)) throw new RangeError(`formatLabelTsv: cluster id ${id}`);
    if (i > 0 && sorted[i - 1]![0] === id) {
      throw new RangeError(`formatLabelTsv: duplicated cluster id ${id}`);
    }
    out += formatCsvRow([formatPythonInt(id), formatLabelValue(value)], '\t');
  });
  return out;
}

/**
 * `cluster_info.tsv` as phylib `write_tsv(..., first_field='cluster_id',
 * exclude_fields=('is_masked',), n_significant_figures=8)` writes it: columns = union of all keys,
 * `cluster_id` first, the rest in Python's code-point order (uppercase first); floats as `%.8f`,
 * ints as digits, strings as is, null or missing as an empty cell; rows in the given order (Phy:
 * ascending id); CRLF. No rows gives an empty file, as in Phy.
 */
export function formatClusterInfoTsv(
  rows: ReadonlyArray<Readonly<Record<string, LabelValue | null>>>,
): string {
  if (rows.length === 0) return '';
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  keys.delete('is_masked');
  const hasId = keys.delete('cluster_id');
  const columns = [...(hasId ? ['cluster_id'] : []), ...[...keys].sort(comparePythonStr)];
  let out = formatCsvRow(columns, '\t');
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = Object.hasOwn(row, column) ? row[column] : null;
      if (value === null || value === undefined) return '';
      if (value.kind === 'float') return formatPercentF(value.value, 8);
      return formatLabelValue(value);
    });
    out += formatCsvRow(cells, '\t');
  }
  return out;
}
