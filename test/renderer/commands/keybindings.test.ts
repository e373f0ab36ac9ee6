import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyOverrides,
  buildKeymap,
  chordOfEvent,
  DEFAULT_KEYBINDINGS,
  formatChord,
  parseChord,
  type KeyLike,
} from '../../../renderer/commands/keybindings.js';

const ev = (key: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

test('parseChord normalizes modifiers, aliases and key names', () => {
  assert.equal(parseChord('Ctrl+Shift+Z'), 'ctrl+shift+z');
  assert.equal(parseChord('shift+ctrl+z'), 'ctrl+shift+z');
  assert.equal(parseChord('Cmd+S'), 'ctrl+s');
  assert.equal(parseChord('Option+G'), 'alt+g');
  assert.equal(parseChord('ArrowDown'), 'down');
  assert.equal(parseChord('Space'), 'space');
  assert.equal(parseChord('Shift+:'), ':');
  assert.equal(parseChord('ctrl++'), 'ctrl++');
  assert.throws(() => parseChord(''));
  assert.throws(() => parseChord('Hyper+x'));
  assert.throws(() => parseChord('Ctrl+Shift'));
});

test('chordOfEvent uses the physical letter key and drops Shift from symbols', () => {
  // macOS: Alt+G types '©' but the code is still KeyG.
  assert.equal(chordOfEvent(ev('©', 'KeyG', { altKey: true })), 'alt+g');
  assert.equal(chordOfEvent(ev('Z', 'KeyZ', { ctrlKey: true, shiftKey: true })), 'ctrl+shift+z');
  assert.equal(chordOfEvent(ev('z', 'KeyZ', { metaKey: true })), 'ctrl+z');
  assert.equal(chordOfEvent(ev(':', 'Semicolon', { shiftKey: true })), ':');
  assert.equal(chordOfEvent(ev(' ', 'Space', { shiftKey: true })), 'shift+space');
  assert.equal(chordOfEvent(ev(' ', 'Space', { ctrlKey: true })), 'ctrl+space');
  assert.equal(chordOfEvent(ev('ArrowUp', 'ArrowUp')), 'up');
  assert.equal(chordOfEvent(ev('Shift', 'ShiftLeft', { shiftKey: true })), null);
  assert.equal(chordOfEvent(ev('?', 'Slash', { shiftKey: true })), '?');
});

test("Phy's defaults resolve, with no conflicts", () => {
  const map = buildKeymap(DEFAULT_KEYBINDINGS);
  assert.deepEqual(map.conflicts, []);
  const expect: Record<string, string> = {
    'alt+g': 'label.best.good',
    'alt+m': 'label.best.mua',
    'alt+n': 'label.best.noise',
    'alt+u': 'label.best.unsorted',
    'ctrl+g': 'label.similar.good',
    'ctrl+n': 'label.similar.noise',
    g: 'cluster.merge',
    k: 'cluster.split',
    'ctrl+z': 'edit.undo',
    'ctrl+shift+z': 'edit.redo',
    'ctrl+s': 'file.save',
    space: 'wizard.nextSimilar',
    'shift+space': 'wizard.prevSimilar',
    'ctrl+space': 'wizard.selectSimilar',
    down: 'wizard.nextBest',
    up: 'wizard.prevBest',
    ':': 'ui.snippet',
    h: 'ui.help',
    'ctrl+shift+p': 'ui.palette',
  };
  for (const [chord, cmd] of Object.entries(expect))
    assert.equal(map.byChord.get(chord), cmd, chord);
  // Every default chord is already in normal form.
  for (const b of DEFAULT_KEYBINDINGS) for (const k of b.keys) assert.equal(parseChord(k), k);
});

test('overrides rebind, drop bad chords and report conflicts', () => {
  const bindings = applyOverrides(DEFAULT_KEYBINDINGS, {
    'cluster.merge': ['Ctrl+Shift+M', 'nonsense+x'],
    'label.best.good': ['g'],
    'not.a.command': ['x'],
  });
  const map = buildKeymap(bindings);
  assert.equal(map.byChord.get('ctrl+shift+m'), 'cluster.merge');
  assert.equal(map.byChord.get('g'), 'label.best.good');
  assert.equal(map.byChord.has('alt+g'), false);
  assert.equal(map.byChord.has('x'), false);
  assert.deepEqual(map.conflicts, []);
  const clash = buildKeymap(applyOverrides(DEFAULT_KEYBINDINGS, { 'cluster.split': ['g'] }));
  assert.deepEqual(clash.conflicts, [{ chord: 'g', commands: ['cluster.merge', 'cluster.split'] }]);
  assert.equal(formatChord('ctrl+shift+z'), 'Ctrl+Shift+Z');
});
