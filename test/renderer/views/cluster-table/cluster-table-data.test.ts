import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterTable } from '../../../../shared/contract/types.js';
import { compileFilter } from '../../../../renderer/table/filter-expr.js';
import {
  cellValue,
  filterNames,
  formatCell,
  rowIndex,
  tableColumns,
  viewOrder,
} from '../../../../renderer/views/cluster-table/cluster-table-data.js';

function table(): ClusterTable {
  return {
    revision: 1,
    ids: Int32Array.from([0, 1, 2, 5, 7]),
    nSpikes: Int32Array.from([100, 50, 100, 20, 300]),
    fr: Float32Array.from([1, 0.5, 1, 0.2, 3]),
    amp: Float32Array.from([10, 20, 30, NaN, 50]),
    ch: Int32Array.from([3, -1, 4, 5, 6]),
    sh: Float32Array.from([0, 0, 0, 1, 1]),
    depth: Float32Array.from([20, 40, 60, 80, 100]),
    bestChannel: Int32Array.from([3, -1, 4, 5, 6]),
    labels: {
      group: ['good', null, 'noise', 'mua', null],
      KSLabel: ['good', 'mua', 'good', 'mua', 'good'],
      ContamPct: [1.5, 50, 3, null, 0],
    },
    metrics: { isolation_distance: Float32Array.from([10, 2, NaN, 4, 30]) },
  };
}

test('columns: fixed, then labels, then metrics; group is shown as label', () => {
  const cols = tableColumns(table());
  assert.deepEqual(
    cols.map((c) => c.key),
    [
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
      'isolation_distance',
    ],
  );
  assert.equal(cols[1]!.title, 'label');
  assert.equal(cols.find((c) => c.key === 'ContamPct')!.numeric, true);
  assert.equal(cols.find((c) => c.key === 'KSLabel')!.numeric, false);
  assert.ok(filterNames(cols).includes('label'));
});

test('cells: missing channel is NaN, labels and metrics by name', () => {
  const t = table();
  assert.ok(Number.isNaN(cellValue(t, 1, 'ch') as number));
  assert.equal(cellValue(t, 2, 'label'), 'noise');
  assert.equal(cellValue(t, 4, 'isolation_distance'), 30);
  assert.equal(cellValue(t, 0, 'nonexistent'), null);
  assert.equal(formatCell(1.5, { key: 'x', title: 'x', numeric: true, digits: 2 }), '1.50');
  assert.equal(formatCell(NaN, { key: 'x', title: 'x', numeric: true, digits: 2 }), '');
});

test('sort: stable by id on ties, missing values last in both directions', () => {
  const t = table();
  const ids = (rows: number[]) => rows.map((r) => t.ids[r]);
  assert.deepEqual(ids(viewOrder(t, 'n_spikes', true, null)), [7, 0, 2, 1, 5]);
  assert.deepEqual(ids(viewOrder(t, 'n_spikes', false, null)), [5, 1, 0, 2, 7]);
  assert.deepEqual(ids(viewOrder(t, 'amp', true, null)), [7, 2, 1, 0, 5]);
  assert.deepEqual(ids(viewOrder(t, 'amp', false, null)), [0, 1, 2, 7, 5]);
  assert.deepEqual(ids(viewOrder(t, 'group', false, null)), [0, 5, 2, 1, 7]);
  assert.deepEqual(ids(viewOrder(t, 'ContamPct', false, null)), [7, 0, 2, 1, 5]);
});

test('filter over table columns, with label alias and metric names', () => {
  const t = table();
  const cols = filterNames(tableColumns(t));
  const ids = (expr: string) =>
    viewOrder(t, 'id', false, compileFilter(expr, cols)).map((r) => t.ids[r]);
  assert.deepEqual(ids('fr > 0.6 && ContamPct < 10'), [0, 2, 7]);
  assert.deepEqual(ids("label == 'noise' || group == 'mua'"), [2, 5]);
  assert.deepEqual(ids('group == null'), [1, 7]);
  assert.deepEqual(ids('isolation_distance >= 4'), [0, 5, 7]);
  assert.deepEqual(ids('ch == null'), [1]);
  assert.equal(rowIndex(t).get(7), 4);
});
