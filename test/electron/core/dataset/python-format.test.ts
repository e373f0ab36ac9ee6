/**
 * @file Tests for python-format.ts. Expected strings were produced by CPython 3.11 (`repr(x)`,
 * `'%.Nf' % x`, `int(s)`, `float(s)`, `sorted(...)`, `eval` of literals) and pasted here as
 * literals; no Python is needed to run them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  comparePythonStr,
  decodePythonEscapes,
  formatPercentF,
  formatPythonFloat,
  formatPythonInt,
  parsePythonFloat,
  parsePythonInt,
  parsePythonNumberLiteral,
} from '../../../../electron/core/dataset/python-format.js';
import { Random } from '../../../../shared/util/random.js';

/** repr(float) from CPython for these doubles (the string also spells the double exactly). */
const PYTHON_REPR = [
  '0.1',
  '0.30000000000000004',
  '0.3333333333333333',
  '0.6666666666666666',
  '100.0',
  '1e+16',
  '1000000000000000.0',
  '9999999999999998.0',
  '1.2345678901234568e+17',
  '0.0001',
  '1e-05',
  '0.00012345',
  '1.5e+20',
  '1e+22',
  '1e+100',
  '1.7976931348623157e+308',
  '5e-324',
  '2.2250738585072014e-308',
  '-2.5',
  '3.0',
  '30000.0',
  '25000.0',
  '0.5',
  '1e+21',
  '1e-07',
  '12345.6789',
  '9007199254740992.0',
  '9007199254740994.0',
  '-1e-300',
  '4.35',
  '0.3',
  '1.1',
  '299792458.0',
  '6.02214076e+23',
  '0.0004653705509',
  '-2.6317659999999995e+24',
  '1.3201600000000002e-13',
  '-7.5146623143294e-07',
  '1.24157e-14',
  '1064421711.3900001',
  '9.16e+17',
  '9572.7999114082',
  '787000.0000000001',
  '4.379343000000001e-17',
  '-3e+23',
  '-0.32096445520415867',
  '500000000000000.0',
  '8.80477e-30',
  '1.6021847989999999e+19',
  '3.051e-24',
  '3.6282600000000004e+26',
  '-2.4999524306325488e+17',
  '418772874.96999997',
  '-9.195e+21',
  '-1.550224179321269e+23',
  '-6283432802895.699',
  '8320.6',
  '9.595554793e-28',
  '6.644100000000001e+25',
  '-3.0054534168e-16',
  '-2e-20',
  '-8.782201005268499e-27',
  '-2.23799e-25',
  '-9.76581651384e+20',
  '3.574e-17',
  '2.0',
  '-1641843727.587',
  '9.050615999999999e+29',
  '5.377e-07',
  '-700681.0444586535',
  '7.8500989031e-20',
  '-5.93496e-16',
  '-7e-12',
  '3914.4',
  '-3.0454465617270388e-114',
  '-8.522146168608318e+167',
  '-2.839371183697284e+105',
  '-8.916508270791997e+226',
  '-2.335697060103056e+124',
  '8.563216986513925e+17',
  '-2.1912355521529627',
  '3.826751713004138e-227',
  '-125.65135439778341',
  '2.0961244526611627e+260',
  '2.504461249650085e-84',
  '-4.0197066737830738e+208',
  '2.0864899591815364e-81',
  '7.615917795541164e+151',
  '1.0644272998136749e-91',
  '2.3297945069853475e-89',
  '-2.5707747585340037e-220',
  '-7.9861318468407615e+90',
  '-1.0935361238560972e+177',
  '-2.9189478353657627e+259',
  '0.10000000149011612',
  '1.7000000476837158',
  '3.141590118408203',
  '1234.5677490234375',
  '0.0010000000474974513',
];

/** [repr(x), N, '%.Nf' % x] from CPython. */
const PYTHON_PERCENT_F: Array<[string, number, string]> = [
  ['0.5', 0, '0'],
  ['1.5', 0, '2'],
  ['2.5', 0, '2'],
  ['-2.5', 0, '-2'],
  ['-0.4', 0, '-0'],
  ['0.125', 2, '0.12'],
  ['0.375', 2, '0.38'],
  ['0.1', 20, '0.10000000000000000555'],
  ['1e+22', 2, '10000000000000000000000.00'],
  [
    '1e+300',
    0,
    '1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160',
  ],
  ['5e-324', 8, '0.00000000'],
  ['-0.0', 8, '-0.00000000'],
  ['-1e-09', 8, '-0.00000000'],
  ['2320.0', 8, '2320.00000000'],
  ['123.456789012345', 8, '123.45678901'],
  ['1.000000005', 8, '1.00000000'],
  ['5e-09', 8, '0.00000001'],
  ['1.5e-08', 8, '0.00000001'],
  ['2.5e-08', 8, '0.00000002'],
  ['1e+21', 8, '1000000000000000000000.00000000'],
  ['-1e+21', 1, '-1000000000000000000000.0'],
  ['9.223372036854776e+18', 3, '9223372036854775808.000'],
  ['0.10000000149011612', 8, '0.10000000'],
  ['1.7000000476837158', 8, '1.70000005'],
  ['3.299999952316284', 8, '3.29999995'],
  ['99.999999995', 8, '99.99999999'],
  ['99.9999999951', 8, '100.00000000'],
  ['1.005', 2, '1.00'],
  ['2.675', 2, '2.67'],
  ['1e-320', 8, '0.00000000'],
  ['0.0', 0, '0'],
  ['7.0', 0, '7'],
  ['123.0', 1, '123.0'],
  ['-0.035233447033367525', 8, '-0.03523345'],
  ['3.0186894607970747e-07', 1, '0.0'],
  ['-2.686221661748289e-08', 3, '-0.000'],
  ['-9.250086831160302e+16', 8, '-92500868311603024.00000000'],
  ['-8.602891528507623e-06', 8, '-0.00000860'],
  ['-0.0008817789878420217', 3, '-0.001'],
  ['2.6125183146347417e-08', 8, '0.00000003'],
  ['-9008.213732204571', 0, '-9008'],
  ['0.0011332979587418523', 8, '0.00113330'],
  ['-1.617219128570695e+23', 1, '-161721912857069508100096.0'],
  ['1.418273792934688e+24', 2, '1418273792934688063488000.00'],
  ['-79.38885751128173', 8, '-79.38885751'],
  ['-8.051388480105332e-07', 0, '-0'],
  ['2.380191863471077e+20', 8, '238019186347107713024.00000000'],
  ['5.54457549961614e+18', 12, '5544575499616140288.000000000000'],
  ['-27683.528811086733', 2, '-27683.53'],
  ['39798.88674591425', 1, '39798.9'],
  ['1.4884742051734202e+22', 12, '14884742051734201827328.000000000000'],
  ['7.502749911468579e+17', 8, '750274991146857856.00000000'],
  ['2.1791803807280718e-07', 1, '0.0'],
  ['0.02386566129509826', 8, '0.02386566'],
  ['-6.960309306789905e+20', 8, '-696030930678990503936.00000000'],
  ['-9.215854859051247e-07', 8, '-0.00000092'],
  ['-319755275617.60895', 12, '-319755275617.608947753906'],
  ['1.597904085649844e+18', 1, '1597904085649843968.0'],
  ['6799355.610250828', 12, '6799355.610250827856'],
  ['3.9408413565385645e-07', 0, '0'],
  ['462318669.2817809', 12, '462318669.281780898571'],
  ['-43080893581170.16', 8, '-43080893581170.15625000'],
  ['-9.548741438888229e+18', 8, '-9548741438888228864.00000000'],
];

/** A random double with uniformly random bits (all exponents), finite. */
function randomDouble(rng: Random): number {
  const view = new DataView(new ArrayBuffer(8));
  for (;;) {
    view.setUint32(0, rng.int(2 ** 32));
    view.setUint32(4, rng.int(2 ** 32));
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) return x;
  }
}

describe('formatPythonFloat', () => {
  it('matches CPython repr() on special values', () => {
    assert.equal(formatPythonFloat(NaN), 'nan');
    assert.equal(formatPythonFloat(Infinity), 'inf');
    assert.equal(formatPythonFloat(-Infinity), '-inf');
    assert.equal(formatPythonFloat(0), '0.0');
    assert.equal(formatPythonFloat(-0), '-0.0');
    assert.equal(formatPythonFloat(100), '100.0');
    assert.equal(formatPythonFloat(1e-5), '1e-05');
    assert.equal(formatPythonFloat(1e16), '1e+16');
    assert.equal(formatPythonFloat(1.5e20), '1.5e+20');
    assert.equal(formatPythonFloat(123e-20), '1.23e-18');
  });

  it('matches CPython repr() on a fixed set of doubles and their negatives', () => {
    for (const expected of PYTHON_REPR) {
      const x = Number(expected);
      assert.equal(formatPythonFloat(x), expected, expected);
      const negated = expected.startsWith('-') ? expected.slice(1) : `-${expected}`;
      assert.equal(formatPythonFloat(-x), negated, negated);
    }
  });

  it('round-trips and follows the repr layout rules on random doubles', () => {
    const rng = new Random(20240611);
    for (let i = 0; i < 3000; i++) {
      const x = randomDouble(rng);
      const s = formatPythonFloat(x);
      assert.equal(Number(s), x, s);
      const exponent = Math.floor(Math.log10(Math.abs(x)));
      const m = /^-?(\d)(?:\.(\d+))?e([+-])(\d\d+)$/.exec(s);
      if (m) {
        // exponent form only outside [-4, 16), with a 2+ digit exponent and no trailing zeros
        const e = Number(m[3] + m[4]);
        assert.ok(e < -4 || e >= 16, s);
        assert.ok(Math.abs(e - exponent) <= 1, s);
        assert.ok(!m[2]?.endsWith('0'), s);
      } else {
        assert.match(s, /^-?\d+\.\d+$/);
        assert.ok(exponent >= -5 && exponent <= 16, s);
      }
    }
  });
});

describe('formatPercentF', () => {
  it("matches CPython '%.Nf' including ties, huge values and negative zero", () => {
    for (const [repr, decimals, expected] of PYTHON_PERCENT_F) {
      assert.equal(formatPercentF(Number(repr), decimals), expected, `${repr} %.${decimals}f`);
    }
    assert.equal(formatPercentF(NaN, 8), 'nan');
    assert.equal(formatPercentF(Infinity, 8), 'inf');
    assert.equal(formatPercentF(-Infinity, 2), '-inf');
    assert.throws(() => formatPercentF(1, -1), RangeError);
    assert.throws(() => formatPercentF(1, 1.5), RangeError);
  });

  it('agrees with toFixed (exact below 1e21 away from ties) on random values', () => {
    const rng = new Random(77);
    for (let i = 0; i < 3000; i++) {
      const x = (rng.next() - 0.5) * 10 ** rng.int(20);
      const decimals = rng.int(12);
      // An exact tie (digits after the last kept place are 5000...) is where toFixed rounds
      // half away from zero and C rounds half to even: those are checked by the table above.
      const exact = x.toFixed(Math.min(100, decimals + 60));
      if (/^50*$/.test(exact.slice(exact.indexOf('.') + 1 + decimals))) continue;
      const expected = x.toFixed(decimals);
      assert.equal(formatPercentF(x, decimals), expected, `${x} ${decimals}`);
    }
  });
});

describe('formatPythonInt', () => {
  it('prints plain digits at any magnitude and refuses non-integers', () => {
    assert.equal(formatPythonInt(0), '0');
    assert.equal(formatPythonInt(-0), '0');
    assert.equal(formatPythonInt(-42), '-42');
    assert.equal(formatPythonInt(1e21), '1000000000000000000000');
    assert.throws(() => formatPythonInt(1.5), RangeError);
    assert.throws(() => formatPythonInt(NaN), RangeError);
  });
});

describe('parsePythonInt / parsePythonFloat', () => {
  // [text, int(text), float(text)] from CPython; undefined = ValueError, 'nan' = float nan.
  const cases: Array<[string, number | undefined, number | 'nan' | undefined]> = [
    ['12', 12, 12],
    ['1_000', 1000, 1000],
    ['1__0', undefined, undefined],
    ['_1', undefined, undefined],
    ['1_', undefined, undefined],
    ['+5', 5, 5],
    ['-0', 0, -0],
    [' 12 ', 12, 12],
    ['\t12\r\n', 12, 12],
    ['\u00a012\u3000', 12, 12],
    ['\x1c12', undefined, undefined],
    ['0x10', undefined, undefined],
    ['012', 12, 12],
    ['\u0661\u0662', 12, 12],
    ['\u{1D7CF}\u{1D7D0}', 12, 12],
    ['1e3', undefined, 1000],
    ['1_0.5', undefined, 10.5],
    ['1_.5', undefined, undefined],
    ['1.e5', undefined, 100000],
    ['.5', undefined, 0.5],
    ['5.', undefined, 5],
    ['12.0', undefined, 12],
    ['infinity', undefined, Infinity],
    ['-iNF', undefined, -Infinity],
    ['Infinity', undefined, Infinity],
    ['nan', undefined, 'nan'],
    ['-nan', undefined, 'nan'],
    ['NaN', undefined, 'nan'],
    ['infinit', undefined, undefined],
    ['1e400', undefined, Infinity],
    ['1e1_0', undefined, 1e10],
    ['\u0663.\u0665', undefined, 3.5],
    ['1.5e', undefined, undefined],
    ['e5', undefined, undefined],
    ['1 2', undefined, undefined],
    ['0_0', 0, 0],
    ['', undefined, undefined],
    ['good', undefined, undefined],
    ['1'.repeat(4300), Number('1'.repeat(4300)), Infinity],
    ['1'.repeat(4301), undefined, Infinity],
  ];
  for (const [text, asInt, asFloat] of cases) {
    it(`int(${JSON.stringify(text.slice(0, 12))}) and float(...)`, () => {
      assert.equal(parsePythonInt(text), asInt);
      const f = parsePythonFloat(text);
      if (asFloat === 'nan') assert.ok(Number.isNaN(f));
      else assert.equal(f, asFloat);
    });
  }
});

describe('comparePythonStr', () => {
  it("sorts like Python's sorted() (code points, uppercase first, astral after U+FFFD)", () => {
    const input = ['b', 'B', 'a', '_', 'Z', 'é', '\u{1F600}', '\ufffd', 'aa', 'A1', 'fr'];
    const more = ['Amplitude', 'ContamPct', 'KSLabel', 'n_spikes'];
    const expected = [
      'A1',
      'Amplitude',
      'B',
      'ContamPct',
      'KSLabel',
      'Z',
      '_',
      'a',
      'aa',
      'b',
      'fr',
      'n_spikes',
      '\u00e9',
      '\ufffd',
      '\u{1F600}',
    ];
    assert.deepEqual([...input, ...more].sort(comparePythonStr), expected);
  });
});

describe('Python source literals', () => {
  it('decodes string escapes like CPython', () => {
    assert.deepEqual(decodePythonEscapes('tab\\there'), { value: 'tab\there' });
    assert.deepEqual(decodePythonEscapes('\\x41\\101\\u00e9\\U0001F600'), {
      value: 'AA\u00e9\u{1F600}',
    });
    assert.deepEqual(decodePythonEscapes("a\\qb\\'\\\\\\0"), { value: "a\\qb'\\\u0000" });
    assert.deepEqual(decodePythonEscapes('a\\\nb'), { value: 'ab' });
    assert.ok(decodePythonEscapes('\\N{DASH}').problem);
    assert.ok(decodePythonEscapes('\\x4').problem);
    assert.ok(decodePythonEscapes('\\U00110000').problem);
  });

  it('reads number literals and refuses complex, leading zeros and glued letters', () => {
    const ok: Array<[string, number]> = [
      ['30000.', 30000],
      ['3e4', 30000],
      ['.5', 0.5],
      ['1_000_000', 1e6],
      ['0x1F', 31],
      ['0o17', 15],
      ['0b101', 5],
      ['00', 0],
      ['1_0.2_5e1_0', 102500000000],
      ['1e-05', 1e-5],
    ];
    for (const [text, value] of ok) assert.deepEqual(parsePythonNumberLiteral(text), { value });
    for (const text of ['3j', '007', '1abc', '0x', '1__0']) {
      assert.ok('problem' in parsePythonNumberLiteral(text), text);
    }
  });
});
