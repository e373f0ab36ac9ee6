/**
 * @file Tests for tsv.ts. Expected records and bytes come from CPython 3.11 (`csv.reader` over a
 * universal-newline text, and the writers of phylib `_write_tsv_simple` / `write_tsv` run on the
 * same inputs), pasted as literals. The real Phy folders in /work/shared/data are used when present.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  coerceCell,
  formatClusterInfoTsv,
  formatCsvRow,
  formatLabelTsv,
  parseClusterTsv,
  readCsvRecords,
} from '../../../../electron/core/dataset/tsv.js';
import type { LabelValue } from '../../../../shared/domain/labels.js';
import { floatValue, intValue, strValue } from '../../../../shared/domain/labels.js';
import { Random } from '../../../../shared/util/random.js';

const DATA = '/work/shared/data';

describe('readCsvRecords', () => {
  // [text, delimiter, rows as CPython's csv.reader returns them]
  const cases: Array<[string, string, string[][]]> = [
    [
      'a,b\nc,d\n',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a,b\r\nc,d\r\n',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a,b\rc,d',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a\t"b\tc"\td\n', '\t', [['a', 'b\tc', 'd']]],
    ['"x""y"z,w\n', ',', [['x"yz', 'w']]],
    [
      '"multi\nline",2\n3,4',
      ',',
      [
        ['multi\nline', '2'],
        ['3', '4'],
      ],
    ],
    ['a,,b,\n,\n\n"",x\n', ',', [['a', '', 'b', ''], ['', ''], [], ['', 'x']]],
    ['"open,end', ',', [['open,end']]],
    ['a"b,c\n', ',', [['a"b', 'c']]],
    [' a , b \n', ',', [[' a ', ' b ']]],
    ['"a" ,b\n', ',', [['a ', 'b']]],
    ['x\n\n\ny\n', ',', [['x'], [], [], ['y']]],
    ['"q"\n', ',', [['q']]],
    ['a\t\n', '\t', [['a', '']]],
    ['"multi\r\nline"\r\n', ',', [['multi\nline']]],
  ];
  for (const [text, delimiter, expected] of cases) {
    it(`reads ${JSON.stringify(text)} like csv.reader`, () => {
      assert.deepEqual(
        readCsvRecords(text, delimiter).map((r) => r.cells),
        expected,
      );
    });
  }

  it('reports the line where each record starts', () => {
    const lines = readCsvRecords('h\n"a\nb"\n\nc\r\nd', ',').map((r) => r.line);
    assert.deepEqual(lines, [1, 2, 4, 5, 6]);
  });
});

describe('coerceCell', () => {
  it("types cells like phylib's _try_make_number (int, then float, then str)", () => {
    assert.deepEqual(coerceCell('12'), intValue(12));
    assert.deepEqual(coerceCell(' 1_000 '), intValue(1000));
    assert.deepEqual(coerceCell('12.0'), floatValue(12));
    assert.deepEqual(coerceCell('1e3'), floatValue(1000));
    assert.deepEqual(coerceCell('-inf'), floatValue(-Infinity));
    const nan = coerceCell('NaN');
    assert.equal(nan.kind, 'float');
    assert.ok(Number.isNaN(nan.value));
    assert.deepEqual(coerceCell('good'), strValue('good'));
    assert.deepEqual(coerceCell(' '), strValue(' '));
  });
});

describe('parseClusterTsv', () => {
  it('reads a Phy cluster_group.tsv (CRLF) into typed values', () => {
    const t = parseClusterTsv('cluster_id\tgroup\r\n0\tgood\r\n3\tmua\r\n', 'cluster_group.tsv');
    assert.deepEqual(t.fields, ['group']);
    assert.deepEqual(
      [...t.rows],
      [
        [0, new Map([['group', strValue('good')]])],
        [3, new Map([['group', strValue('mua')]])],
      ],
    );
    assert.deepEqual(t.warnings, []);
  });

  it('accepts LF, lone CR, a BOM, commas, quotes and skips empty cells', () => {
    const text = '\ufeffcluster_id,ContamPct,KSLabel,note\r7,12.5,good,"a,b"\r8,,mua,\r\r9,100,,x';
    const t = parseClusterTsv(text, 'cluster_mixed.csv');
    assert.deepEqual(t.fields, ['ContamPct', 'KSLabel', 'note']);
    assert.deepEqual(
      t.rows.get(7),
      new Map<string, LabelValue>([
        ['ContamPct', floatValue(12.5)],
        ['KSLabel', strValue('good')],
        ['note', strValue('a,b')],
      ]),
    );
    assert.deepEqual(t.rows.get(8), new Map([['KSLabel', strValue('mua')]]));
    assert.deepEqual(
      t.rows.get(9),
      new Map<string, LabelValue>([
        ['ContamPct', intValue(100)],
        ['note', strValue('x')],
      ]),
    );
    assert.equal(t.rows.size, 3);
  });

  it('chooses tab only when the first line has one', () => {
    const t = parseClusterTsv('cluster_id,x\n1,a\tb\n', 'f.csv');
    assert.deepEqual(t.rows.get(1), new Map([['x', strValue('a\tb')]]));
  });

  it('skips rows without a cluster_id and warns when they held values or extra cells', () => {
    const t = parseClusterTsv('cluster_id\tg\n\t orphan\n2\tx\textra\n', 'cluster_g.tsv');
    assert.deepEqual([...t.rows.keys()], [2]);
    assert.equal(t.warnings.length, 2);
    assert.match(t.warnings[0]!, /^cluster_g\.tsv, line 2: no cluster_id/);
    assert.match(t.warnings[1]!, /^cluster_g\.tsv, line 3: more cells/);
  });

  it('reads a header-only file as no rows', () => {
    const t = parseClusterTsv('cluster_id\tgroup\r\n', 'cluster_group.tsv');
    assert.deepEqual(t.fields, ['group']);
    assert.equal(t.rows.size, 0);
  });

  it('gives clear errors naming the file', () => {
    assert.throws(
      () => parseClusterTsv('id\tgroup\n1\tgood\n', 'cluster_group.tsv'),
      /^Error: cluster_group\.tsv: no cluster_id column \(header: id, group\)$/,
    );
    assert.throws(() => parseClusterTsv('', 'x.tsv'), /^Error: x\.tsv: empty file.*no cluster_id/);
    assert.throws(
      () => parseClusterTsv('cluster_id\tg\n1\ta\n1.0\tb\n', 'cluster_g.tsv'),
      /^Error: cluster_g\.tsv, line 3: cluster_id '1\.0' is not an integer$/,
    );
    assert.throws(
      () => parseClusterTsv('cluster_id\tg\n4\ta\n5\tb\n04\tc\n', 'cluster_g.tsv'),
      /^Error: cluster_g\.tsv: duplicated cluster_id 4 \(lines 2 and 4\)$/,
    );
  });
});

describe('formatLabelTsv', () => {
  it('writes cluster_group.tsv exactly like phylib _write_tsv_simple', () => {
    const rows: Array<[number, LabelValue]> = [
      [12, strValue('good')],
      [3, strValue('mua')],
      [0, strValue('noise')],
      [7, strValue('unsorted')],
    ];
    assert.equal(
      formatLabelTsv('group', rows),
      'cluster_id\tgroup\r\n0\tnoise\r\n3\tmua\r\n7\tunsorted\r\n12\tgood\r\n',
    );
    assert.equal(formatLabelTsv('group', []), 'cluster_id\tgroup\r\n');
  });

  it('prints numbers with Python str() (floats keep their .0, ints stay ints)', () => {
    const rows: Array<[number, LabelValue]> = [
      [5, floatValue(100)],
      [2, floatValue(1e-5)],
      [9, floatValue(NaN)],
      [1, intValue(3)],
      [4, floatValue(-0)],
      [8, floatValue(1.5e20)],
      [11, floatValue(0.1 + 0.2)],
      [6, floatValue(Infinity)],
      [-1, intValue(7)],
    ];
    assert.equal(
      formatLabelTsv('Amp', rows),
      'cluster_id\tAmp\r\n-1\t7\r\n1\t3\r\n2\t1e-05\r\n4\t-0.0\r\n5\t100.0\r\n6\tinf\r\n' +
        '8\t1.5e+20\r\n9\tnan\r\n11\t0.30000000000000004\r\n',
    );
  });

  it('quotes like csv.writer (tab, quote, CR, LF), also in the header', () => {
    const rows: Array<[number, LabelValue]> = [
      [1, strValue('tab\there')],
      [2, strValue('quote"d')],
      [3, strValue('multi\nline')],
      [4, strValue('cr\rx')],
      [5, strValue('')],
      [6, strValue(' spaced ')],
      [7, strValue('com,ma')],
    ];
    assert.equal(
      formatLabelTsv('note "x"', rows),
      'cluster_id\t"note ""x"""\r\n1\t"tab\there"\r\n2\t"quote""d"\r\n3\t"multi\nline"\r\n' +
        '4\t"cr\rx"\r\n5\t\r\n6\t spaced \r\n7\tcom,ma\r\n',
    );
  });

  it('refuses duplicated or non-integer cluster ids', () => {
    assert.throws(
      () =>
        formatLabelTsv('g', [
          [1, strValue('a')],
          [1, strValue('b')],
        ]),
      RangeError,
    );
    assert.throws(() => formatLabelTsv('g', [[1.5, strValue('a')]]), RangeError);
  });

  it('round-trips random tables: parse(format(x)) == x and format(parse(bytes)) == bytes', () => {
    const rng = new Random(4242);
    const words = ['good', 'mua', 'noise', 'a b', 'x\ty', 'q"q', 'line\nbreak', '1.5.2', 'nanx'];
    for (let trial = 0; trial < 200; trial++) {
      const entries = new Map<number, LabelValue>();
      const n = rng.int(30);
      for (let i = 0; i < n; i++) {
        const id = rng.int(1000) - 10;
        const pick = rng.int(3);
        const value =
          pick === 0
            ? intValue(rng.int(2000) - 1000)
            : pick === 1
              ? floatValue(rng.normal() * 10 ** (rng.int(40) - 20))
              : strValue(words[rng.int(words.length)]!);
        entries.set(id, value);
      }
      const text = formatLabelTsv('field', [...entries]);
      const parsed = parseClusterTsv(text, 'cluster_field.tsv');
      assert.deepEqual(parsed.fields, ['field']);
      assert.equal(parsed.rows.size, entries.size);
      for (const [id, value] of entries) {
        assert.deepEqual(parsed.rows.get(id)?.get('field'), value, `${trial} ${id}`);
      }
      const again = [...parsed.rows].map(([id, row]): [number, LabelValue] => [
        id,
        row.get('field')!,
      ]);
      assert.equal(formatLabelTsv('field', again), text);
    }
  });
});

describe('formatClusterInfoTsv', () => {
  it('writes cluster_info.tsv exactly like phylib write_tsv', () => {
    const f32 = Math.fround(31.7); // np.float32(31.7), printed from its double value
    const rows: Array<Record<string, LabelValue | null>> = [
      {
        cluster_id: intValue(0),
        Amplitude: floatValue(2320),
        ContamPct: floatValue(100),
        KSLabel: strValue('mua'),
        amp: floatValue(f32),
        ch: intValue(12),
        depth: floatValue(140),
        fr: floatValue(1 / 3),
        group: strValue('good'),
        n_spikes: intValue(1234),
        sh: floatValue(0),
        is_masked: intValue(0),
      },
      {
        cluster_id: intValue(3),
        Amplitude: floatValue(1e-9),
        ContamPct: floatValue(NaN),
        KSLabel: strValue('good'),
        amp: floatValue(-0),
        ch: intValue(7),
        depth: floatValue(1e22),
        fr: floatValue(2.5e-9),
        group: null,
        n_spikes: intValue(5),
        sh: floatValue(1),
        custom: strValue('a\tb'),
        Zeta: intValue(2),
      },
      {
        cluster_id: intValue(10),
        n_spikes: intValue(0),
        fr: floatValue(Infinity),
        éx: strValue('u'),
      },
    ];
    assert.equal(
      formatClusterInfoTsv(rows),
      'cluster_id\tAmplitude\tContamPct\tKSLabel\tZeta\tamp\tch\tcustom\tdepth\tfr\tgroup\tn_spikes\tsh\téx\r\n' +
        '0\t2320.00000000\t100.00000000\tmua\t\t31.70000076\t12\t\t140.00000000\t0.33333333\tgood\t1234\t0.00000000\t\r\n' +
        '3\t0.00000000\tnan\tgood\t2\t-0.00000000\t7\t"a\tb"\t10000000000000000000000.00000000\t0.00000000\t\t5\t1.00000000\t\r\n' +
        '10\t\t\t\t\t\t\t\t\tinf\t\t0\t\tu\r\n',
    );
  });

  it('sorts all columns when there is no cluster_id, and writes nothing for no rows', () => {
    assert.equal(
      formatClusterInfoTsv([{ b: floatValue(1.5), a: strValue('x') }]),
      'a\tb\r\nx\t1.50000000\r\n',
    );
    assert.equal(formatClusterInfoTsv([]), '');
  });

  it('writes a lone empty cell as "" like csv.writer', () => {
    assert.equal(formatCsvRow([''], '\t'), '""\r\n');
    assert.equal(formatCsvRow(['', ''], '\t'), '\t\r\n');
  });
});

describe('real Phy folders', () => {
  const dirs = existsSync(DATA) ? readdirSync(DATA, { withFileTypes: true }) : [];
  const files = dirs
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(DATA, entry.name))
        .filter((name) => /^cluster_.*\.(tsv|csv)$/.test(name) && name !== 'cluster_info.tsv')
        .map((name) => path.join(DATA, entry.name, name)),
    );

  it('finds the shared TSVs', { skip: files.length === 0 && 'no /work/shared/data' }, () => {
    assert.ok(files.some((f) => f.endsWith('phy-data-template/cluster_group.tsv')));
  });

  for (const file of files) {
    it(`re-writes ${path.relative(DATA, file)} as Phy would`, () => {
      const text = readFileSync(file, 'utf8');
      const table = parseClusterTsv(text, path.basename(file));
      assert.ok(table.rows.size > 0);
      assert.equal(table.fields.length, 1);
      const field = table.fields[0]!;
      const rows = [...table.rows].map(([id, row]): [number, LabelValue] => [id, row.get(field)!]);
      // These files were written by exporters with LF endings; Phy rewrites them with CRLF and
      // otherwise the same bytes (sorted ids, str() values).
      const phyBytes = text.replace(/\r?\n/g, '\r\n');
      assert.equal(formatLabelTsv(field, rows), phyBytes);
      assert.deepEqual(parseClusterTsv(phyBytes, path.basename(file)), table);
    });
  }

  it(
    'reads the known contents of phy-data-template/cluster_group.tsv',
    {
      skip: !existsSync(path.join(DATA, 'phy-data-template/cluster_group.tsv')) && 'no data',
    },
    () => {
      const text = readFileSync(path.join(DATA, 'phy-data-template/cluster_group.tsv'), 'utf8');
      const table = parseClusterTsv(text, 'cluster_group.tsv');
      assert.deepEqual([...table.rows], [[4, new Map([['group', strValue('good')]])]]);
    },
  );
});
