import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_KEYBINDINGS, buildKeymap } from '../../../renderer/commands/keybindings.js';
import { parseSnippet } from '../../../renderer/commands/snippets.js';

test(':cb and :cw set the correlogram bin and window in ms', () => {
  assert.deepEqual(parseSnippet(':cb 0.5'), { kind: 'correlogram', setting: 'bin', ms: 0.5 });
  assert.deepEqual(parseSnippet('cw 100'), { kind: 'correlogram', setting: 'window', ms: 100 });
  assert.equal(parseSnippet(':cb').kind, 'error');
  assert.equal(parseSnippet(':cb abc').kind, 'error');
  assert.equal(parseSnippet(':cw 0').kind, 'error');
  // `:c` still selects.
  assert.deepEqual(parseSnippet(':c 3'), { kind: 'select', ids: [3] });
});

test("the views' Phy keys are bound without conflicts", () => {
  const map = buildKeymap(DEFAULT_KEYBINDINGS);
  assert.deepEqual(map.conflicts, []);
  assert.equal(map.byChord.get('w'), 'waveform.nextType');
  assert.equal(map.byChord.get('shift+w'), 'waveform.prevType');
  assert.equal(map.byChord.get('m'), 'waveform.toggleMean');
  assert.equal(map.byChord.get('o'), 'waveform.toggleOverlap');
  assert.equal(map.byChord.get('ctrl+up'), 'view.scaleUp');
  assert.equal(map.byChord.get('alt+right'), 'traces.stepForward');
  assert.equal(map.byChord.get('alt+pagedown'), 'traces.nextSpike');
  assert.equal(map.byChord.get('k'), 'cluster.split');
});
