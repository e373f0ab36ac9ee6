import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  saveWindowState,
} from '../../../electron/main/window-state.js';

const root = mkdtempSync(join(tmpdir(), 'kc-winstate-'));
after(() => rmSync(root, { recursive: true, force: true }));
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips bounds and maximized through userData', () => {
    const file = join(root, 'a', 'window-state.json');
    saveWindowState(file, { x: 100, y: 50, width: 1200, height: 800, maximized: true });
    assert.deepEqual(loadWindowState(file, screen), {
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('drops a position that is on no display, keeping the size', () => {
    const file = join(root, 'off.json');
    saveWindowState(file, { x: 3000, y: 200, width: 1000, height: 700, maximized: false });
    assert.deepEqual(loadWindowState(file, screen), { width: 1000, height: 700, maximized: false });
    const second = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
    assert.equal(loadWindowState(file, second).x, 3000, 'kept when that display is back');
  });

  it('falls back to defaults for a missing, corrupt or absurd file', () => {
    assert.deepEqual(loadWindowState(join(root, 'none.json'), screen), DEFAULT_WINDOW_STATE);
    const bad = join(root, 'bad.json');
    for (const text of [
      '{',
      '[]',
      '{"width": 10, "height": 10}',
      '{"width": "a", "height": 900}',
    ]) {
      writeFileSync(bad, text);
      assert.deepEqual(loadWindowState(bad, screen), DEFAULT_WINDOW_STATE, text);
    }
  });
});
