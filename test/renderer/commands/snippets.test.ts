import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RANGE, parseIdList, parseSnippet } from '../../../renderer/commands/snippets.js';

test('cluster selection snippets: lists, ranges and commas', () => {
  assert.deepEqual(parseSnippet(':c 12 47'), { kind: 'select', ids: [12, 47] });
  assert.deepEqual(parseSnippet(':c 10-13'), { kind: 'select', ids: [10, 11, 12, 13] });
  assert.deepEqual(parseSnippet('c 1,2,3'), { kind: 'select', ids: [1, 2, 3] });
  assert.deepEqual(parseSnippet(':c 5 3-4, 5'), { kind: 'select', ids: [5, 3, 4] });
  assert.equal(parseSnippet(':c').kind, 'error');
  assert.equal(parseSnippet(':c 4-2').kind, 'error');
  assert.equal(parseSnippet(':c x').kind, 'error');
  assert.equal(typeof parseIdList(`0-${MAX_RANGE}`), 'string');
  assert.equal((parseIdList(`0-${MAX_RANGE - 1}`) as number[]).length, MAX_RANGE);
});

test('filter, sort and action snippets', () => {
  assert.deepEqual(parseSnippet(':f fr > 1 && ContamPct < 10'), {
    kind: 'filter',
    expr: 'fr > 1 && ContamPct < 10',
  });
  assert.deepEqual(parseSnippet(':f'), { kind: 'filter', expr: '' });
  assert.deepEqual(parseSnippet(':s fr'), {
    kind: 'sort',
    column: 'fr',
    descending: true,
    prefix: false,
  });
  assert.deepEqual(parseSnippet(':s id asc'), {
    kind: 'sort',
    column: 'id',
    descending: false,
    prefix: false,
  });
  assert.deepEqual(parseSnippet(':sfr'), {
    kind: 'sort',
    column: 'fr',
    descending: true,
    prefix: true,
  });
  assert.equal(parseSnippet(':s fr up').kind, 'error');
  assert.deepEqual(parseSnippet(':g'), { kind: 'merge' });
  assert.deepEqual(parseSnippet(':k'), { kind: 'split' });
  assert.deepEqual(parseSnippet(':save'), { kind: 'save' });
  assert.deepEqual(parseSnippet(':undo'), { kind: 'undo' });
  assert.deepEqual(parseSnippet(':l cell_type fast spiking'), {
    kind: 'setField',
    field: 'cell_type',
    value: 'fast spiking',
  });
  assert.deepEqual(parseSnippet(':label quality'), {
    kind: 'setField',
    field: 'quality',
    value: null,
  });
  assert.equal(parseSnippet(':l').kind, 'error');
  assert.equal(parseSnippet(':l ../x y').kind, 'error'); // never a path
  assert.equal(parseSnippet(':l group good').kind, 'error'); // the group has its own keys
  assert.equal(parseSnippet(':l KSLabel good').kind, 'error'); // recomputed by the app
  assert.equal(parseSnippet(':zz').kind, 'error');
  assert.equal(parseSnippet(':').kind, 'error');
});
