import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSuggestion } from '../../../../shared/contract/metrics-types.js';
import type { ClusterTable } from '../../../../shared/contract/types.js';
import { compileFilter } from '../../../../renderer/table/filter-expr.js';
import {
  filterNames,
  formatCell,
  tableColumns,
  viewOrder,
} from '../../../../renderer/views/cluster-table/cluster-table-data.js';
import {
  acceptPlan,
  idsDiffer,
  isMetricColumn,
  metricDigits,
  suggestionTitle,
  wantsMetrics,
} from '../../../../renderer/views/cluster-table/metrics-view.js';

const suggestion = (
  clusterId: number,
  suggested: LabelSuggestion['suggested'],
  failed: string[] = [],
  notEvaluated: string[] = [],
): LabelSuggestion => ({ clusterId, current: null, suggested, failed, notEvaluated });

test('metric digits: counts without decimals, ContamPct with one, others three', () => {
  assert.equal(metricDigits('num_spikes'), 0);
  assert.equal(metricDigits('rp_violations'), 0);
  assert.equal(metricDigits('ks_contam_pct'), 1);
  assert.equal(metricDigits('firing_rate'), 2);
  assert.equal(metricDigits('l_ratio'), 3);
  assert.equal(metricDigits('snr'), 3);
});

test('metric columns are recognised; visible ones make the app compute metrics', () => {
  assert.ok(isMetricColumn('isolation_distance'));
  assert.ok(isMetricColumn('ks_label'));
  assert.ok(isMetricColumn('suggested'));
  assert.ok(!isMetricColumn('KSLabel'));
  assert.ok(!isMetricColumn('fr'));
  assert.equal(wantsMetrics(['id', 'group', 'KSLabel', 'ContamPct']), false);
  assert.equal(wantsMetrics(['id', 'snr']), true);
});

test('idsDiffer compares sets of ids, in any order', () => {
  assert.equal(idsDiffer(Int32Array.from([1, 2, 3]), [3, 1, 2]), false);
  assert.equal(idsDiffer([1, 2, 3], [1, 2]), true);
  assert.equal(idsDiffer([1, 2, 3], [1, 2, 4]), true);
  assert.equal(idsDiffer([], []), false);
});

test('the suggestion tooltip names the rule set and the failed and skipped rules', () => {
  assert.equal(suggestionTitle(undefined, 'allen'), '');
  assert.equal(
    suggestionTitle(suggestion(1, 'good'), 'allen'),
    'good (allen)\nevery evaluated rule passes',
  );
  assert.equal(
    suggestionTitle(
      suggestion(
        1,
        'mua',
        ['snr >= 5 (else mua)', 'l_ratio <= 0.3 (else mua)'],
        ['x > 1 (else mua)'],
      ),
      'bombcell-like',
    ),
    'mua (bombcell-like)\nfailed: snr >= 5 (else mua); l_ratio <= 0.3 (else mua)\nnot evaluated: x > 1 (else mua)',
  );
});

test('accepting: one label action per suggested group, skipping clusters already there', () => {
  const byId = new Map(
    [
      suggestion(4, 'mua'),
      suggestion(2, 'good'),
      suggestion(9, 'mua'),
      suggestion(7, 'noise'),
      suggestion(5, 'good'),
    ].map((s) => [s.clusterId, s]),
  );
  const groups: Record<number, string | null> = {
    4: null,
    2: 'good',
    9: 'good',
    7: 'mua',
    5: null,
  };
  // 2 already good; 11 has no suggestion; 9 appears twice (both tables).
  assert.deepEqual(
    acceptPlan(byId, [9, 4, 2, 11, 7, 5, 9], (id) => groups[id] ?? null),
    [
      { group: 'good', ids: [5] },
      { group: 'mua', ids: [4, 9] },
      { group: 'noise', ids: [7] },
    ],
  );
  assert.deepEqual(
    acceptPlan(byId, [2], (id) => groups[id] ?? null),
    [],
  );
  assert.deepEqual(
    acceptPlan(byId, [], () => null),
    [],
  );
});

function table(): ClusterTable {
  return {
    revision: 3,
    ids: Int32Array.from([0, 1, 2, 3]),
    nSpikes: Int32Array.from([10, 20, 30, 40]),
    fr: Float32Array.from([1, 2, 3, 4]),
    amp: Float32Array.from([1, 1, 1, 1]),
    ch: Int32Array.from([0, 0, 0, 0]),
    sh: Float32Array.from([0, 0, 0, 0]),
    depth: Float32Array.from([0, 0, 0, 0]),
    bestChannel: Int32Array.from([0, 0, 0, 0]),
    labels: { group: [null, null, null, null], suggested: ['good', 'mua', null, 'mua'] },
    metrics: {
      isi_violations_ratio: Float32Array.from([0.1, 0.9, NaN, 0.4]),
      num_spikes: Float32Array.from([10, 20, 30, 40]),
    },
  };
}

test('metric columns sort (missing last), filter by name, and format with their digits', () => {
  const t = table();
  const cols = tableColumns(t);
  const isi = cols.find((c) => c.key === 'isi_violations_ratio')!;
  assert.deepEqual(isi, {
    key: 'isi_violations_ratio',
    title: 'isi_violations_ratio',
    numeric: true,
    digits: 3,
  });
  assert.equal(cols.find((c) => c.key === 'num_spikes')!.digits, 0);
  assert.equal(cols.find((c) => c.key === 'suggested')!.numeric, false);
  assert.deepEqual(viewOrder(t, 'isi_violations_ratio', true, null), [1, 3, 0, 2]);
  assert.deepEqual(viewOrder(t, 'isi_violations_ratio', false, null), [0, 3, 1, 2]);
  const f = compileFilter('isi_violations_ratio < 0.5 && suggested == "mua"', filterNames(cols));
  assert.deepEqual(viewOrder(t, 'id', false, f), [3]);
  assert.equal(formatCell(0.4, isi), '0.400');
});
