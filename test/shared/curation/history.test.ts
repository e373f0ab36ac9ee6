/** @file The linear undo/redo stack. */

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { History } from '../../../shared/curation/history.js';

test('linear undo/redo; a push after undo drops the redo branch', () => {
  const h = new History<string>();
  assert.equal(h.undo(), undefined);
  h.push('a');
  h.push('b');
  assert.equal(h.undo(), 'b');
  assert.equal(h.undo(), 'a');
  assert.equal(h.canUndo, false);
  assert.equal(h.redo(), 'a');
  assert.equal(h.depth, 1);
  h.push('c');
  assert.equal(h.canRedo, false);
  assert.equal(h.redo(), undefined);
  assert.equal(h.undo(), 'c');
  assert.equal(h.undo(), 'a');
});
