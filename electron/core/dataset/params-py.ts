/**
 * @file params.py read as data, never executed: a tokenizer and parser for a safe literal subset,
 * and the typed view of the keys Phy's TemplateModel uses.
 *
 * Phy `exec`s params.py (phy-semantics.md §3.1), so a dataset folder could run arbitrary code. We
 * accept only `name = literal` statements (strings, numbers, True/False/None, lists and tuples);
 * every other statement is skipped with a warning naming its line. Keys are lower-cased like Phy.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  decodePythonEscapes,
  parsePythonNumberLiteral,
  PY_NUMBER_LITERAL_SOURCE,
} from './python-format.js';

/** A Python literal as read from params.py. Tuples become arrays. */
export type PyLiteral = string | number | boolean | null | PyLiteral[];

export interface ParsedParamsPy {
  /** Assigned names, lower-cased (a later assignment wins, as in Phy's dict comprehension). */
  values: Record<string, PyLiteral>;
  /** One line per refused statement, with its line number and the reason. */
  warnings: string[];
}

/** Larger inputs are refused outright: params.py is a handful of lines. */
export const PARAMS_PY_MAX_CHARS = 1024 * 1024;
/** Deepest bracket nesting accepted in a literal. */
export const PARAMS_PY_MAX_DEPTH = 32;
const MAX_WARNINGS = 50;

interface Token {
  kind: 'name' | 'number' | 'string' | 'op';
  text: string;
  value?: string | number;
  /** Set when the token is Python we refuse (f-string, bytes, complex, bad escape...). */
  problem?: string;
}

interface LogicalLine {
  line: number;
  tokens: Token[];
  indented: boolean;
}

/** One Python token per match; the last alternative takes any other code point as an operator. */
const TOKEN = new RegExp(
  [
    '(?<newline>\\n)',
    '(?<space>[ \\t\\f]+)',
    '(?<comment>#[^\\n]*)',
    '(?<join>\\\\\\n)',
    `(?<string>(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])?(?:'''|"""|'|"))`,
    `(?<number>${PY_NUMBER_LITERAL_SOURCE})(?<suffix>\\w*)`,
    '(?<name>[A-Za-z_]\\w*)',
    '(?<op>[\\s\\S])',
  ].join('|'),
  'uy',
);
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Read a string literal whose opener (prefix + quote) ends at `start`. */
function readString(
  src: string,
  start: number,
  opener: string,
): { token: Token; end: number; newlines: number } {
  const prefix = opener.replace(/['"]+$/, '').toLowerCase();
  const quote = opener.slice(prefix.length);
  let j = start;
  let newlines = 0;
  let closed = false;
  for (; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src.startsWith(quote, j)) {
      closed = true;
      break;
    } else if (src[j] === '\n' && quote.length === 1) break;
    if (src[j] === '\n') newlines++;
  }
  const body = src.slice(start, Math.min(j, src.length));
  const end = closed ? j + quote.length : Math.min(j, src.length);
  const token: Token = { kind: 'string', text: opener + body };
  if (!closed) token.problem = 'unterminated string';
  else if (prefix.includes('f')) token.problem = 'f-string';
  else if (prefix.includes('b')) token.problem = 'bytes literal';
  else {
    const decoded = prefix.includes('r') ? { value: body } : decodePythonEscapes(body);
    token.value = decoded.value;
    if ('problem' in decoded) token.problem = decoded.problem;
  }
  return { token, end, newlines };
}

/** Split params.py into logical lines of tokens (brackets, triple quotes and `\` join lines). */
function tokenize(src: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: LogicalLine | null = null;
  let line = 1;
  let depth = 0;
  let indented = false;
  let pos = 0;
  while (pos < src.length) {
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(src)!; // the catch-all alternative always matches
    const g = match.groups!;
    pos += match[0].length;
    const startLine = line;
    let token: Token;
    if (g.newline !== undefined || g.join !== undefined) {
      line++;
      if (g.newline !== undefined && depth === 0) {
        if (current) lines.push(current);
        current = null;
        indented = false;
      }
      continue;
    } else if (g.space !== undefined || g.comment !== undefined) {
      if (g.space !== undefined && current === null) indented = true;
      continue;
    } else if (g.string !== undefined) {
      const read = readString(src, pos, g.string);
      token = read.token;
      pos = read.end;
      line += read.newlines;
    } else if (g.number !== undefined) {
      const literal = parsePythonNumberLiteral(g.number + (g.suffix ?? ''));
      token = { kind: 'number', text: g.number, ...literal };
    } else if (g.name !== undefined) {
      token = { kind: 'name', text: g.name };
    } else {
      const op = g.op!;
      if ('([{'.includes(op)) depth++;
      else if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
      token = { kind: 'op', text: op };
    }
    current ??= { line: startLine, tokens: [], indented };
    current.tokens.push(token);
  }
  if (current) lines.push(current);
  return lines;
}

class Refusal extends Error {}

/** Recursive-descent parser for one literal; throws Refusal with a human-readable reason. */
class LiteralParser {
  pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  value(depth: number): PyLiteral {
    if (depth > PARAMS_PY_MAX_DEPTH)
      throw new Refusal(`nesting deeper than ${PARAMS_PY_MAX_DEPTH}`);
    const t = this.peek();
    if (t === undefined) throw new Refusal('missing value');
    if (t.kind === 'string') {
      let s = '';
      while (this.peek()?.kind === 'string') s += this.tokens[this.pos++]!.value as string;
      return s; // adjacent literals concatenate: 'a' 'b' == 'ab'
    }
    this.pos++;
    if (t.kind === 'number') return t.value as number;
    if (t.kind === 'name') {
      if (t.text === 'True' || t.text === 'False') return t.text === 'True';
      if (t.text === 'None') return null;
      if (this.isOp('(')) throw new Refusal(`call of '${t.text}(...)'`);
      throw new Refusal(KEYWORDS.has(t.text) ? `keyword '${t.text}'` : `the name '${t.text}'`);
    }
    if (t.text === '-' || t.text === '+') {
      const next = this.peek();
      const operand = this.value(depth + 1);
      if (typeof operand !== 'number') throw new Refusal(`unary '${t.text}' on a non-number`);
      // Python's int has no negative zero: `-0` is 0, while `-0.0` is -0.0.
      const intZero = operand === 0 && next?.kind === 'number' && !/[.eE]/.test(next.text);
      return t.text === '-' && !intZero ? -operand : operand;
    }
    if (t.text === '[' || t.text === '(') return this.sequence(t.text === '[' ? ']' : ')', depth);
    if (t.text === '{') throw new Refusal('dict or set literal');
    throw new Refusal(`unexpected '${t.text}'`);
  }

  /** After an opening bracket: a list, a tuple, or a parenthesised single value. */
  sequence(close: string, depth: number): PyLiteral {
    const items: PyLiteral[] = [];
    let sawComma = false;
    while (!this.isOp(close)) {
      items.push(this.value(depth + 1));
      if (this.isOp(',')) {
        this.pos++;
        sawComma = true;
      } else if (!this.isOp(close)) {
        const t = this.peek();
        throw new Refusal(t ? describeTrailing(t) : `unclosed '${close === ']' ? '[' : '('}'`);
      }
    }
    this.pos++;
    return close === ')' && items.length === 1 && !sawComma ? items[0]! : items;
  }
}

function describeTrailing(t: Token): string {
  if (t.kind === 'op' && t.text === '=') return 'chained assignment';
  if (t.kind === 'op' && t.text === '.') return 'attribute access';
  if (t.kind === 'op' && t.text === '(') return 'call';
  if (t.kind === 'op' && t.text === '[') return 'subscript';
  if (t.kind === 'op') return `expression with '${t.text}'`;
  return `unexpected '${t.text}'`;
}

const STATEMENT_OPS: Record<string, string> = {
  ':': 'annotation or block statement',
  ',': 'tuple unpacking',
};

/** Why a logical line is not `name = literal`, or the assignment it is. */
function parseStatement(tokens: Token[]): { name: string; value: PyLiteral } {
  const problem = tokens.find((t) => t.problem !== undefined);
  if (problem) throw new Refusal(problem.problem);
  const semicolons = tokens.filter((t) => t.kind === 'op' && t.text === ';').length;
  if (semicolons > 1 || (semicolons === 1 && tokens.at(-1)!.text !== ';')) {
    throw new Refusal("several statements separated by ';'");
  }
  const body = semicolons === 1 ? tokens.slice(0, -1) : tokens;
  const [target, op] = body;
  if (target?.kind !== 'name') throw new Refusal('not an assignment');
  if (KEYWORDS.has(target.text)) throw new Refusal(`'${target.text}' statement`);
  if (/^__.*__$/.test(target.text)) throw new Refusal(`dunder name '${target.text}'`);
  if (op?.kind !== 'op' || op.text !== '=') {
    if (op?.kind === 'op' && body[2]?.text === '=' && op.text !== '=') {
      throw new Refusal(op.text === ':' ? 'walrus or annotation' : 'augmented assignment');
    }
    if (op === undefined) throw new Refusal('bare expression');
    throw new Refusal(STATEMENT_OPS[op.text] ?? describeTrailing(op));
  }
  if (body[2]?.kind === 'op' && body[2].text === '=') throw new Refusal("'==' comparison");
  const parser = new LiteralParser(body.slice(2));
  let value = parser.value(0);
  if (parser.isOp(',')) {
    const items = [value]; // `x = 1, 2` is a tuple
    while (parser.isOp(',')) {
      parser.pos++;
      if (parser.peek() !== undefined) items.push(parser.value(1));
    }
    value = items;
  }
  const rest = parser.peek();
  if (rest) throw new Refusal(describeTrailing(rest));
  return { name: target.text, value };
}

/**
 * Parse params.py without executing it. Throws only when the text exceeds PARAMS_PY_MAX_CHARS;
 * every refused statement becomes a warning and parsing goes on.
 */
export function parseParamsPy(text: string): ParsedParamsPy {
  if (text.length > PARAMS_PY_MAX_CHARS) {
    throw new Error(`params.py is longer than ${PARAMS_PY_MAX_CHARS} characters; not parsed`);
  }
  const src = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const sourceLines = src.split('\n');
  const assigned = new Map<string, PyLiteral>();
  const warnings: string[] = [];
  let refused = 0;
  for (const logical of tokenize(src)) {
    try {
      if (logical.indented) throw new Refusal('unexpected indentation');
      const { name, value } = parseStatement(logical.tokens);
      assigned.set(name, value);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (++refused > MAX_WARNINGS) continue;
      const snippet = (sourceLines[logical.line - 1] ?? '').trim();
      const shown = snippet.length > 60 ? `${snippet.slice(0, 57)}...` : snippet;
      warnings.push(`params.py line ${logical.line}: ${error.message}; not executed: ${shown}`);
    }
  }
  if (refused > MAX_WARNINGS) {
    warnings.push(`params.py: ${refused - MAX_WARNINGS} more statements refused`);
  }
  // Phy: {k.lower(): v for k, v in locals.items()} - insertion order decides between DTYPE and dtype.
  const values: Record<string, PyLiteral> = {};
  for (const [name, value] of assigned) values[name.toLowerCase()] = value;
  return { values, warnings };
}

/** The params.py keys Phy's TemplateModel uses, typed. Paths are absolute. */
export interface TemplateParams {
  /** Raw data files in order (Phy reads them as one concatenated recording); may be empty. */
  datPaths: string[];
  /** Interleaved channels in the raw file(s). */
  nChannelsDat?: number;
  /** numpy dtype name of a raw sample as written in params.py, e.g. 'int16' or '<i2'. */
  dtype?: string;
  /** Header bytes at the start of each raw file (default 0). */
  offset: number;
  /** Sampling rate in Hz. */
  sampleRate?: number;
  /** Whether the raw data is already high-pass filtered (Phy reads but ignores it). */
  hpFiltered?: boolean;
  /** Factor applied to unwhitened templates (Phy's `template_scaling`). */
  templateScaling?: number;
  /** Sample index of the template trough (KS4: 20), when params.py provides it. */
  nt0min?: number;
  /** Every other key (e.g. show_mapped_channels, n_closest_channels), untouched. */
  extra: Record<string, PyLiteral>;
}

export interface InterpretOptions {
  /** Whether a path exists; injectable for tests (default fs.existsSync). */
  exists?: (path: string) => boolean;
}

const isInt = (v: PyLiteral): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: PyLiteral): v is number => typeof v === 'number' && Number.isFinite(v);

/** params.py key -> TemplateParams property, the accepted values, and how to say so. */
const RULES: ReadonlyArray<[keyof TemplateParams, string, (v: PyLiteral) => boolean, string]> = [
  ['nChannelsDat', 'n_channels_dat', (v) => isInt(v) && v > 0, 'a positive integer'],
  ['dtype', 'dtype', (v) => typeof v === 'string' && v !== '', 'a dtype name'],
  ['offset', 'offset', (v) => isInt(v) && v >= 0, 'a non-negative integer'],
  ['sampleRate', 'sample_rate', (v) => isFiniteNumber(v) && v > 0, 'a positive number'],
  ['hpFiltered', 'hp_filtered', (v) => typeof v === 'boolean', 'True or False'],
  ['templateScaling', 'template_scaling', isFiniteNumber, 'a finite number'],
  ['nt0min', 'nt0min', (v) => isInt(v) && v >= 0, 'a non-negative integer'],
];
const TYPED_KEYS = new Set(['dat_path', 'dir_path', ...RULES.map((rule) => rule[1])]);

/** Absolute on any OS: a params.py written on Windows is often opened on Linux and vice versa. */
const isAbsoluteAnywhere = (p: string): boolean =>
  path.isAbsolute(p) || /^(?:[A-Za-z]:)?[\\/]/.test(p);

/**
 * Type the keys Phy uses. `folder` is the dataset folder (Phy's default `dir_path`). Each dat_path
 * entry is resolved against dir_path; a missing file is looked up by its base name in the dataset
 * folder (datasets move between machines). Wrong types and missing files become warnings.
 */
export function interpretParams(
  values: Readonly<Record<string, PyLiteral>>,
  folder: string,
  options: InterpretOptions = {},
): { params: TemplateParams; warnings: string[] } {
  const exists = options.exists ?? existsSync;
  const warnings: string[] = [];
  const has = (key: string): boolean => Object.hasOwn(values, key);
  const reject = (key: string, expected: string): void => {
    const shown = JSON.stringify(values[key]) ?? String(values[key]);
    warnings.push(`params.py: ${key} = ${shown.slice(0, 60)} is not ${expected}; ignored`);
  };
  const home = path.resolve(folder);
  let base = home;
  const dir = values.dir_path;
  if (typeof dir === 'string' && exists(path.resolve(home, dir))) base = path.resolve(home, dir);
  else if (has('dir_path')) reject('dir_path', 'an existing folder; using the dataset folder');

  const resolveDat = (entry: string): string => {
    const direct =
      isAbsoluteAnywhere(entry) && !path.isAbsolute(entry) ? entry : path.resolve(base, entry);
    if (exists(direct)) return direct;
    const local = path.join(home, entry.split(/[\\/]/).pop() ?? '');
    if (local !== direct && local !== home && exists(local)) {
      warnings.push(`params.py: raw data '${entry}' not found; using ${local} (same name here)`);
      return local;
    }
    warnings.push(`params.py: raw data file '${entry}' not found`);
    return direct;
  };
  const params: TemplateParams = { datPaths: [], offset: 0, extra: {} };
  const dat = values.dat_path;
  if (typeof dat === 'string') params.datPaths.push(resolveDat(dat));
  else if (Array.isArray(dat) && dat.every((p) => typeof p === 'string')) {
    params.datPaths.push(...(dat as string[]).map(resolveDat));
  } else if (has('dat_path')) reject('dat_path', 'a string or a list of strings');
  else warnings.push('params.py: no dat_path; raw data unavailable');

  for (const [property, key, ok, expected] of RULES) {
    if (has(key) && ok(values[key]!)) Object.assign(params, { [property]: values[key] });
    else if (has(key)) reject(key, expected);
  }
  if (!has('dtype')) warnings.push('params.py: no dtype (Phy requires it)');
  if (!has('sample_rate')) warnings.push('params.py: no sample_rate (Phy would assume 1 Hz)');
  for (const [key, value] of Object.entries(values)) {
    if (!TYPED_KEYS.has(key)) params.extra[key] = value;
  }
  return { params, warnings };
}
