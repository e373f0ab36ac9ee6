import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLEN_RULES,
  BOMBCELL_LIKE_RULES,
  BUILTIN_RULE_SETS,
  evaluateRules,
  KS4_RULES,
  parseRuleSet,
  type LabelRuleSet,
} from '../../../../electron/core/analysis/label-rules.js';

test('KS4 rule: good iff Q12 < 0.2 and R12 < 0.2 with more than 10 spikes', () => {
  const metrics = new Map<number, Record<string, number>>([
    [0, { num_spikes: 500, ks_r12: 0.05, ks_q12: 0.01 }],
    [1, { num_spikes: 500, ks_q12: 0.2, ks_r12: 0.01 }],
    [2, { num_spikes: 10, ks_r12: 0.0, ks_q12: 0.0 }],
  ]);
  const v = evaluateRules(metrics, KS4_RULES);
  assert.deepEqual(v.get(0), { suggested: 'good', failed: [], notEvaluated: [] });
  assert.deepEqual(v.get(1), {
    suggested: 'mua',
    failed: ['ks_q12 < 0.2 (else mua)'],
    notEvaluated: [],
  });
  assert.deepEqual(v.get(2)?.failed, ['num_spikes > 10 (else mua)']);
});

test('noise beats mua; NaN or missing metrics are reported, not failed', () => {
  const set: LabelRuleSet = {
    name: 'custom',
    description: '',
    rules: [
      { metric: 'snr', op: '>=', threshold: 2, onFail: 'noise' },
      { metric: 'presence_ratio', op: '>', threshold: 0.9, onFail: 'mua' },
      { metric: 'l_ratio', op: '<=', threshold: 0.1, onFail: 'mua' },
    ],
  };
  const v = evaluateRules(
    new Map([
      [5, { snr: 1, presence_ratio: 0.5, l_ratio: 0.05 }],
      [6, { snr: NaN, presence_ratio: 0.95 }],
      [7, { snr: 2, presence_ratio: 0.9, l_ratio: 0.1 }],
    ]),
    set,
  );
  assert.equal(v.get(5)?.suggested, 'noise');
  assert.deepEqual(v.get(5)?.failed, ['snr >= 2 (else noise)', 'presence_ratio > 0.9 (else mua)']);
  assert.deepEqual(v.get(6), {
    suggested: 'good',
    failed: [],
    notEvaluated: ['snr >= 2 (else noise)', 'l_ratio <= 0.1 (else mua)'],
  });
  // Boundaries: 2 >= 2 passes, 0.9 > 0.9 fails, 0.1 <= 0.1 passes.
  assert.deepEqual(v.get(7)?.failed, ['presence_ratio > 0.9 (else mua)']);
});

test('built-in sets round-trip through JSON and validation', () => {
  for (const set of BUILTIN_RULE_SETS)
    assert.deepEqual(parseRuleSet(JSON.parse(JSON.stringify(set))), set);
  assert.ok(
    BOMBCELL_LIKE_RULES.rules.some((r) => r.metric === 'isolation_distance' && r.threshold === 20),
  );
  assert.equal(ALLEN_RULES.rules.length, 3);
});

test('parseRuleSet rejects malformed input with a reason', () => {
  const bad: Array<[unknown, RegExp]> = [
    [null, /expected an object/],
    [{ rules: [] }, /name/],
    [{ name: 'x', rules: 3 }, /rules/],
    [{ name: 'x', rules: [{ metric: 'snr', op: '=', threshold: 1, onFail: 'mua' }] }, /op/],
    [
      { name: 'x', rules: [{ metric: 'snr', op: '<', threshold: 'a', onFail: 'mua' }] },
      /threshold/,
    ],
    [{ name: 'x', rules: [{ metric: 'snr', op: '<', threshold: 1, onFail: 'good' }] }, /onFail/],
    [{ name: 'x', rules: [{ metric: '', op: '<', threshold: 1, onFail: 'mua' }] }, /metric/],
  ];
  for (const [input, re] of bad) assert.throws(() => parseRuleSet(input), re);
  assert.deepEqual(parseRuleSet({ name: 'x', rules: [] }), {
    name: 'x',
    description: '',
    rules: [],
  });
});
