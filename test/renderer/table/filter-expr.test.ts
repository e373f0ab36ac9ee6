import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../shared/util/random.js';
import {
  compileFilter,
  FilterSyntaxError,
  parseFilter,
  type FilterValue,
} from '../../../renderer/table/filter-expr.js';

const COLS = ['id', 'fr', 'ContamPct', 'KSLabel', 'group', 'n_spikes'];
const row =
  (r: Record<string, FilterValue>) =>
  (k: string): FilterValue =>
    r[k] ?? null;

test('comparisons and && as in the issue example', () => {
  const f = compileFilter('fr > 1 && ContamPct < 10', COLS);
  assert.equal(f.test(row({ fr: 2, ContamPct: 5 })), true);
  assert.equal(f.test(row({ fr: 0.5, ContamPct: 5 })), false);
  assert.equal(f.test(row({ fr: 2, ContamPct: 10 })), false);
  // A missing value fails an ordering comparison rather than matching.
  assert.equal(f.test(row({ fr: 2, ContamPct: null })), false);
});

test('Python keywords, ! and parentheses, strings', () => {
  const f = compileFilter("not (KSLabel == 'mua') and (fr >= 1 or n_spikes > 100)", COLS);
  assert.equal(f.test(row({ KSLabel: 'good', fr: 0.1, n_spikes: 500 })), true);
  assert.equal(f.test(row({ KSLabel: 'mua', fr: 5, n_spikes: 500 })), false);
  assert.equal(f.test(row({ KSLabel: 'good', fr: 0.1, n_spikes: 50 })), false);
  const g = compileFilter('!(group == "noise") || id === 3', COLS);
  assert.equal(g.test(row({ group: 'noise', id: 3 })), true);
  assert.equal(g.test(row({ group: 'noise', id: 4 })), false);
  assert.equal(g.test(row({ group: null, id: 4 })), true);
});

test('null, true/false, negative numbers, chained comparisons, case-insensitive columns', () => {
  assert.equal(compileFilter('group == null', COLS).test(row({ group: null })), true);
  assert.equal(compileFilter('group != None', COLS).test(row({ group: 'good' })), true);
  assert.equal(compileFilter('ContamPct == null', COLS).test(row({ ContamPct: NaN })), true);
  assert.equal(compileFilter('true', COLS).test(row({})), true);
  assert.equal(compileFilter('false || fr', COLS).test(row({ fr: 0 })), false);
  assert.equal(compileFilter('fr > -1.5e0', COLS).test(row({ fr: -1 })), true);
  const chain = compileFilter('1 < fr <= 5', COLS);
  assert.deepEqual(
    [0.5, 1, 3, 5, 6].map((fr) => chain.test(row({ fr }))),
    [false, false, true, true, false],
  );
  assert.equal(compileFilter('contampct < 3', COLS).test(row({ ContamPct: 2 })), true);
});

test('type mismatches never match an ordering comparison', () => {
  assert.equal(compileFilter("fr < 'a'", COLS).test(row({ fr: 1 })), false);
  assert.equal(compileFilter("KSLabel < 'h'", COLS).test(row({ KSLabel: 'good' })), true);
  assert.equal(compileFilter('KSLabel == 1', COLS).test(row({ KSLabel: '1' })), false);
});

test('errors: syntax, unknown columns and anything that looks like code', () => {
  const bad = [
    '',
    'fr >',
    '(fr > 1',
    'fr > 1)',
    'frr > 1',
    "'abc",
    'fr > 1 ; 2',
    'constructor',
    'fr.constructor',
    'alert(1)',
    'fr + 1 > 2',
    'fr > 1 and',
    '__proto__ == 1',
  ];
  for (const src of bad) {
    assert.throws(() => parseFilter(src, COLS), FilterSyntaxError, src);
  }
  try {
    parseFilter('fr > 1 && bogus < 2', COLS);
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof FilterSyntaxError);
    assert.equal(e.position, 10);
    assert.match(e.message, /unknown column 'bogus'/);
  }
});

test('random expressions agree with a direct JavaScript evaluation', () => {
  // Generates random and/or/not/comparison trees over numeric columns, renders them as text and
  // compares the parsed result with evaluating the tree directly.
  const rnd = new Random(42);
  const cols = ['a', 'b', 'c'];
  type Node = { s: string; f: (r: Record<string, number>) => boolean };
  const gen = (depth: number): Node => {
    const k = depth > 2 ? 3 : rnd.int(4);
    if (k === 0) {
      const l = gen(depth + 1);
      const r = gen(depth + 1);
      return { s: `(${l.s} && ${r.s})`, f: (x) => l.f(x) && r.f(x) };
    }
    if (k === 1) {
      const l = gen(depth + 1);
      const r = gen(depth + 1);
      return { s: `(${l.s} or ${r.s})`, f: (x) => l.f(x) || r.f(x) };
    }
    if (k === 2) {
      const a = gen(depth + 1);
      return { s: `not ${a.s}`, f: (x) => !a.f(x) };
    }
    const col = cols[rnd.int(3)]!;
    const v = rnd.int(10);
    const op = ['<', '<=', '>', '>=', '==', '!='][rnd.int(6)]!;
    const cmp: Record<string, (p: number, q: number) => boolean> = {
      '<': (p, q) => p < q,
      '<=': (p, q) => p <= q,
      '>': (p, q) => p > q,
      '>=': (p, q) => p >= q,
      '==': (p, q) => p === q,
      '!=': (p, q) => p !== q,
    };
    return { s: `${col} ${op} ${v}`, f: (x) => cmp[op]!(x[col]!, v) };
  };
  for (let t = 0; t < 300; t++) {
    const node = gen(0);
    const f = compileFilter(node.s, cols);
    for (let j = 0; j < 5; j++) {
      const r = { a: rnd.int(10), b: rnd.int(10), c: rnd.int(10) };
      assert.equal(
        f.test((k) => r[k as 'a']),
        node.f(r),
        `${node.s} on ${JSON.stringify(r)}`,
      );
    }
  }
});
