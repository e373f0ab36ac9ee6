import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardClose } from '../../../electron/main/quit-guard.js';
import type { CloseChoice } from '../../../electron/main/quit-guard.js';

/** A window whose close() emits 'close' like Electron's, and records whether it really closed. */
function fakeWindow() {
  let listener: (e: { preventDefault(): void }) => void = () => {};
  const win = {
    closed: false,
    on: (_event: 'close', l: typeof listener) => {
      listener = l;
    },
    close: () => {
      let prevented = false;
      listener({ preventDefault: () => (prevented = true) });
      if (!prevented) win.closed = true;
    },
  };
  return win;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function run(dirty: boolean | Error, choice: CloseChoice, saveFails = false) {
  const win = fakeWindow();
  const log = { asked: 0, saved: 0, errors: 0 };
  guardClose(win, {
    isDirty: async () => {
      if (dirty instanceof Error) throw dirty;
      return dirty;
    },
    ask: async () => {
      log.asked++;
      return choice;
    },
    save: async () => {
      if (saveFails) throw new Error('disk full');
      log.saved++;
    },
    onError: () => log.errors++,
  });
  win.close();
  return { win, log };
}

describe('unsaved-changes prompt on close', () => {
  it('closes without asking when nothing is unsaved', async () => {
    const { win, log } = run(false, 'cancel');
    await settle();
    assert.equal(win.closed, true);
    assert.equal(log.asked, 0);
  });

  it('save, discard and cancel', async () => {
    const save = run(true, 'save');
    const discard = run(true, 'discard');
    const cancel = run(true, 'cancel');
    await settle();
    assert.deepEqual([save.win.closed, save.log.saved], [true, 1]);
    assert.deepEqual([discard.win.closed, discard.log.saved], [true, 0]);
    assert.deepEqual([cancel.win.closed, cancel.log.asked], [false, 1]);
  });

  it('stays open when saving fails, and asks when the state is unknown', async () => {
    const failed = run(true, 'save', true);
    const unknown = run(new Error('core gone'), 'discard');
    await settle();
    assert.deepEqual([failed.win.closed, failed.log.errors], [false, 1]);
    assert.deepEqual([unknown.win.closed, unknown.log.asked], [true, 1]);
  });
});
