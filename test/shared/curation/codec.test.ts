/** @file JSON round-trip and shape checks of curation actions. */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  labelAction,
  mergeAction,
  splitAction,
  UNDO,
  REDO,
  type CurationAction,
} from '../../../shared/curation/actions.js';
import { actionFromJson, actionToJson } from '../../../shared/curation/codec.js';
import { CurationError } from '../../../shared/curation/errors.js';
import { makeSelection } from '../../../shared/curation/selection.js';
import { floatValue } from '../../../shared/domain/labels.js';

test('every action round-trips through JSON', () => {
  const sel = makeSelection([3], [4]);
  const actions: CurationAction[] = [
    labelAction('ContamPct', [1, 2], floatValue(12)),
    { ...labelAction('group', [1], null), selection: sel, selectionAfter: makeSelection([2]) },
    { ...mergeAction([5, 3]), selection: sel },
    splitAction([9, 0, 4294967295]),
    UNDO,
    REDO,
  ];
  for (const a of actions) {
    const back = actionFromJson(actionToJson(a));
    assert.deepEqual(back, a);
  }
  assert.ok(actionFromJson(actionToJson(splitAction([1]))).type === 'split');
  const split = actionFromJson('{"type":"split","spikes":[3,1]}');
  assert.ok(split.type === 'split' && split.spikes instanceof Uint32Array);
});

test('malformed actions are rejected with invalid-action', () => {
  for (const text of [
    'nope',
    '42',
    '{"type":"delete"}',
    '{"type":"merge","clusterIds":[1.5]}',
    '{"type":"split","spikes":[-1]}',
    '{"type":"label","field":"","clusterIds":[1],"value":null}',
    '{"type":"label","field":"g","clusterIds":[1],"value":{"kind":"int","value":"x"}}',
    '{"type":"merge","clusterIds":[1,2],"selection":{"clusters":[1]}}',
  ]) {
    assert.throws(
      () => actionFromJson(text),
      (e: unknown) => e instanceof CurationError && e.code === 'invalid-action',
      text,
    );
  }
});
