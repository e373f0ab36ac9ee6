import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../electron/main/menu.js';
import type { MenuCommand } from '../../../shared/contract/types.js';

type Item = MenuItemConstructorOptions;

function find(items: Item[], label: string): Item {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `menu item ${label}`);
  return item;
}
const submenu = (item: Item) => item.submenu as Item[];
const click = (item: Item) => (item.click as unknown as () => void)();

describe('native menu', () => {
  it('has File / Edit / View / Help with the required items, each sending a command', () => {
    const sent: MenuCommand[] = [];
    const menu = menuTemplate({
      recent: ['/d/a', '/d/b'],
      isMac: false,
      dev: false,
      send: (c) => sent.push(c),
    });
    assert.deepEqual(
      menu.map((m) => m.label ?? m.role),
      ['File', 'Edit', 'View', 'help'],
    );
    const file = submenu(find(menu, 'File'));
    click(find(file, 'Open Folder…'));
    click(find(file, 'Save'));
    click(find(file, 'Revert to Sorter Output…'));
    click(find(file, 'Export…'));
    click(submenu(find(file, 'Open Recent'))[1]);
    const edit = submenu(find(menu, 'Edit'));
    click(find(edit, 'Undo'));
    click(find(edit, 'Redo'));
    assert.deepEqual(sent, [
      { command: 'dataset.openFolder' },
      { command: 'curation.save' },
      { command: 'curation.revert' },
      { command: 'dataset.export' },
      { command: 'dataset.openRecent', dir: '/d/b' },
      { command: 'curation.undo' },
      { command: 'curation.redo' },
    ]);
    assert.equal(find(file, 'Save').accelerator, 'CmdOrCtrl+S');
    assert.ok(file.some((i) => i.role === 'quit'));
  });

  it('shows an empty Open Recent, the macOS app menu, and dev items only in dev', () => {
    const menu = menuTemplate({ recent: [], isMac: true, dev: true, send: () => {} });
    assert.equal(menu[0].role, 'appMenu');
    const recent = submenu(find(submenu(find(menu, 'File')), 'Open Recent'));
    assert.equal(recent[0].enabled, false);
    assert.ok(submenu(find(menu, 'View')).some((i) => i.role === 'toggleDevTools'));
    const prod = menuTemplate({ recent: [], isMac: false, dev: false, send: () => {} });
    assert.ok(!submenu(find(prod, 'View')).some((i) => i.role === 'toggleDevTools'));
  });
});
