/**
 * @file Phy's snippet mode (`:` then a command, phy/gui/actions.py:27-55): `:c 12 47`,
 * `:c 10-20`, `:c 1,2,3` select clusters; `:f expr` filters (`:f` alone clears); `:s col [asc]`
 * sorts (descending unless `asc`), `:sXY` sorts by the first column starting with XY; `:g` merges,
 * `:k` splits, `:u`/`:undo`, `:r`/`:redo`, `:w`/`:save`; `:cb ms` and `:cw ms` set the
 * correlogram bin and window (milliseconds); `:l field value` sets a label field of the user's
 * own on the selected clusters (`:l field` alone removes it), as Phy's `:l` does.
 */
import { userFieldProblem, userValueProblem } from '../../shared/domain/labels.js';

export type Snippet =
  | { kind: 'select'; ids: number[] }
  | { kind: 'filter'; expr: string }
  | { kind: 'sort'; column: string; descending: boolean; prefix: boolean }
  | { kind: 'merge' }
  | { kind: 'split' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'save' }
  | { kind: 'correlogram'; setting: 'bin' | 'window'; ms: number }
  | { kind: 'setField'; field: string; value: string | null }
  | { kind: 'error'; message: string };

/** The longest id range `:c a-b` may expand to (guards against `:c 0-99999999`). */
export const MAX_RANGE = 100_000;

/** Parses id lists: whitespace- or comma-separated integers and inclusive ranges `a-b`. */
export function parseIdList(text: string): number[] | string {
  const ids: number[] = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p.length > 0)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return `empty range '${part}'`;
      if (b - a + 1 > MAX_RANGE) return `range '${part}' is too long`;
      for (let i = a; i <= b; i++) ids.push(i);
    } else if (/^\d+$/.test(part)) ids.push(Number(part));
    else return `'${part}' is not a cluster id or range`;
  }
  if (ids.length === 0) return 'no cluster ids';
  return [...new Set(ids)];
}

/** Parses one snippet line (with or without the leading ':'). */
export function parseSnippet(line: string): Snippet {
  const text = line.trim().replace(/^:/, '').trim();
  const m = /^(\S+)\s*(.*)$/s.exec(text);
  if (!m) return { kind: 'error', message: 'empty snippet' };
  const head = m[1]!;
  const rest = m[2]!.trim();
  switch (head) {
    case 'c': {
      const ids = parseIdList(rest);
      return typeof ids === 'string' ? { kind: 'error', message: ids } : { kind: 'select', ids };
    }
    case 'f':
      return { kind: 'filter', expr: rest };
    case 's': {
      const [column, dir, extra] = rest.split(/\s+/);
      if (!column) return { kind: 'error', message: ':s needs a column name' };
      if (extra !== undefined || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
        return { kind: 'error', message: 'usage: :s column [asc|desc]' };
      }
      return { kind: 'sort', column, descending: dir !== 'asc', prefix: false };
    }
    case 'g':
    case 'merge':
      return { kind: 'merge' };
    case 'k':
    case 'split':
      return { kind: 'split' };
    case 'u':
    case 'undo':
      return { kind: 'undo' };
    case 'r':
    case 'redo':
      return { kind: 'redo' };
    case 'w':
    case 'save':
      return { kind: 'save' };
    case 'l':
    case 'label': {
      const [, field, value] = /^(\S*)\s*(.*)$/s.exec(rest) as RegExpExecArray;
      if (!field) return { kind: 'error', message: 'usage: :l field value (or :l field to clear)' };
      const problem = userFieldProblem(field) ?? (value ? userValueProblem(value) : null);
      if (problem) return { kind: 'error', message: problem };
      return { kind: 'setField', field, value: value || null };
    }
    case 'cb':
    case 'cw': {
      const ms = Number(rest);
      const [min, max] = head === 'cb' ? [0.01, 1000] : [0.1, 100_000];
      if (rest === '' || !Number.isFinite(ms) || ms < min || ms > max)
        return { kind: 'error', message: `:${head} needs a number of ms in ${min}..${max}` };
      return { kind: 'correlogram', setting: head === 'cb' ? 'bin' : 'window', ms };
    }
  }
  // Phy's `:sXY`: sort by the column whose name starts with XY, descending.
  if (/^s[A-Za-z_]{1,}$/.test(head) && rest === '') {
    return { kind: 'sort', column: head.slice(1), descending: true, prefix: true };
  }
  return { kind: 'error', message: `unknown snippet ':${head}'` };
}
