/**
 * @file A safe parser and evaluator for cluster-table filter expressions such as
 * `fr > 1 && ContamPct < 10` (Phy's filter box, phy/gui/widgets.py:267-331).
 *
 * Never eval/Function: the text is tokenized, parsed by recursive descent into a small AST and
 * interpreted. Accepted: comparisons (== != < <= > >=, chained as in Python: `1 < fr < 5`),
 * `&&` `||` `!` and `and` `or` `not`, parentheses, numbers, quoted strings, null/None, true/false,
 * and column names (unknown names are an error, so a typo does not silently match nothing).
 */

/** A table cell as the filter sees it: missing numbers (NaN) are null. */
export type FilterValue = number | string | boolean | null;

export type FilterAst =
  | { kind: 'or' | 'and'; left: FilterAst; right: FilterAst }
  | { kind: 'not'; arg: FilterAst }
  | { kind: 'cmp'; ops: CmpOp[]; operands: FilterAst[] }
  | { kind: 'lit'; value: FilterValue }
  | { kind: 'col'; name: string };

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export class FilterSyntaxError extends Error {
  /** Character offset in the source where the problem was found. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'FilterSyntaxError';
    this.position = position;
  }
}

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

const OPERATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '(',
  ')',
  '=',
  '-',
];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      out.push({ t: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        // A backslash escapes the next character (so a quote can appear inside a string).
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new FilterSyntaxError('unterminated string', i);
      out.push({ t: 'str', v: text, pos: i });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) throw new FilterSyntaxError(`unexpected character '${c}'`, i);
    // JS-style strict operators and a lone '=' mean the same as Python's == here.
    const v = op === '===' || op === '=' ? '==' : op === '!==' ? '!=' : op;
    out.push({ t: 'op', v, pos: i });
    i += op.length;
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

// A Map, not an object literal: `'constructor' in {}` is true.
const KEYWORD_LITERALS = new Map<string, FilterValue>([
  ['null', null],
  ['None', null],
  ['true', true],
  ['True', true],
  ['false', false],
  ['False', false],
]);
const CMP_OPS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Parses `src` into an AST. `columns` lists the valid column names (case-sensitive, but a
 * case-insensitive unique match is accepted so `contampct` finds `ContamPct`).
 * @throws FilterSyntaxError with the offending position.
 */
export function parseFilter(src: string, columns: readonly string[]): FilterAst {
  const tokens = tokenize(src);
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (v: string) => peek().t === 'op' && (peek() as { v: string }).v === v;
  const isWord = (v: string) => peek().t === 'id' && (peek() as { v: string }).v === v;

  const resolveColumn = (name: string, pos: number): string => {
    if (columns.includes(name)) return name;
    const ci = columns.filter((c) => c.toLowerCase() === name.toLowerCase());
    if (ci.length === 1) return ci[0]!;
    throw new FilterSyntaxError(`unknown column '${name}'`, pos);
  };

  const orExpr = (): FilterAst => {
    let left = andExpr();
    while (isOp('||') || isWord('or')) {
      k++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): FilterAst => {
    let left = notExpr();
    while (isOp('&&') || isWord('and')) {
      k++;
      left = { kind: 'and', left, right: notExpr() };
    }
    return left;
  };
  const notExpr = (): FilterAst => {
    if (isOp('!') || isWord('not')) {
      k++;
      return { kind: 'not', arg: notExpr() };
    }
    return comparison();
  };
  const comparison = (): FilterAst => {
    const first = primary();
    const ops: CmpOp[] = [];
    const operands = [first];
    while (peek().t === 'op' && CMP_OPS.has((peek() as { v: string }).v)) {
      ops.push((peek() as { v: string }).v as CmpOp);
      k++;
      operands.push(primary());
    }
    return ops.length === 0 ? first : { kind: 'cmp', ops, operands };
  };
  const primary = (): FilterAst => {
    const tok = peek();
    if (tok.t === 'op' && tok.v === '(') {
      k++;
      const inner = orExpr();
      if (!isOp(')')) throw new FilterSyntaxError("expected ')'", peek().pos);
      k++;
      return inner;
    }
    if (tok.t === 'op' && tok.v === '!') return notExpr();
    k++;
    if (tok.t === 'op' && tok.v === '-') {
      const next = peek();
      if (next.t !== 'num') throw new FilterSyntaxError("'-' must precede a number", tok.pos);
      k++;
      return { kind: 'lit', value: -next.v };
    }
    if (tok.t === 'num') return { kind: 'lit', value: tok.v };
    if (tok.t === 'str') return { kind: 'lit', value: tok.v };
    if (tok.t === 'id') {
      if (KEYWORD_LITERALS.has(tok.v)) return { kind: 'lit', value: KEYWORD_LITERALS.get(tok.v)! };
      if (tok.v === 'and' || tok.v === 'or' || tok.v === 'not') {
        throw new FilterSyntaxError(`unexpected '${tok.v}'`, tok.pos);
      }
      return { kind: 'col', name: resolveColumn(tok.v, tok.pos) };
    }
    if (tok.t === 'end') throw new FilterSyntaxError('unexpected end of expression', tok.pos);
    throw new FilterSyntaxError(`unexpected '${tok.v}'`, tok.pos);
  };

  if (peek().t === 'end') throw new FilterSyntaxError('empty expression', 0);
  const ast = orExpr();
  if (peek().t !== 'end') throw new FilterSyntaxError('unexpected text', peek().pos);
  return ast;
}

/** Python-like truthiness: null, false, 0, NaN and '' are false. */
function truthy(v: FilterValue): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  return v;
}

function normalize(v: FilterValue): FilterValue {
  return typeof v === 'number' && Number.isNaN(v) ? null : v;
}

/**
 * One comparison. Equality is by type and value, and null equals null (so `ContamPct == null`
 * finds missing values). Ordering needs two numbers or two strings: anything else (a missing
 * value, a number against a string) is false, as a row Phy's Python comparison raises on is
 * filtered out.
 */
function compare(op: CmpOp, a: FilterValue, b: FilterValue): boolean {
  a = normalize(a);
  b = normalize(b);
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  const bothNum = typeof a === 'number' && typeof b === 'number';
  const bothStr = typeof a === 'string' && typeof b === 'string';
  if (!bothNum && !bothStr) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/** Evaluates `ast` for one row; `get` returns the cell of a column. */
export function evaluate(ast: FilterAst, get: (column: string) => FilterValue): FilterValue {
  switch (ast.kind) {
    case 'lit':
      return ast.value;
    case 'col':
      return normalize(get(ast.name));
    case 'not':
      return !truthy(evaluate(ast.arg, get));
    case 'and':
      return truthy(evaluate(ast.left, get)) && truthy(evaluate(ast.right, get));
    case 'or':
      return truthy(evaluate(ast.left, get)) || truthy(evaluate(ast.right, get));
    case 'cmp': {
      let left = evaluate(ast.operands[0]!, get);
      for (let i = 0; i < ast.ops.length; i++) {
        const right = evaluate(ast.operands[i + 1]!, get);
        if (!compare(ast.ops[i]!, left, right)) return false;
        left = right;
      }
      return true;
    }
  }
}

/** A compiled filter: `test(get)` says whether a row passes. */
export interface CompiledFilter {
  readonly source: string;
  readonly ast: FilterAst;
  test(get: (column: string) => FilterValue): boolean;
}

/** Parses once; the returned predicate is safe to call for every row. */
export function compileFilter(src: string, columns: readonly string[]): CompiledFilter {
  const ast = parseFilter(src, columns);
  return { source: src, ast, test: (get) => truthy(evaluate(ast, get)) };
}
