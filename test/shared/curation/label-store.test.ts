/** @file Label fields and reversible cell changes. */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LabelStore } from '../../../shared/curation/label-store.js';
import { intValue, strValue } from '../../../shared/domain/labels.js';

test('group is always a field; fields are sorted like Python sorted()', () => {
  const s = new LabelStore(['note', 'KSLabel']);
  assert.deepEqual(s.fields, ['KSLabel', 'group', 'note']);
});

test('set/clear return changes that undo and redo exactly', () => {
  const s = new LabelStore();
  const changes = [s.set('group', 1, strValue('good')), s.set('q', 2, intValue(3))];
  changes.push(...s.clearClusters([1, 2, 3]));
  assert.equal(s.get('group', 1), undefined);
  assert.equal(s.get('q', 2), undefined);
  s.undo(changes);
  assert.equal(s.get('group', 1), undefined, 'undo goes back past the first set');
  assert.deepEqual(s.fields, ['group', 'q'], 'fields stay');
  s.redo(changes);
  assert.equal(s.values('group').size, 0);
  s.undo(changes.slice(2));
  assert.deepEqual(s.get('group', 1), strValue('good'));
  assert.deepEqual(s.get('q', 2), intValue(3));
});
