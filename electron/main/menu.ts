/**
 * @file The native menu as data. Items do no work here: each sends a command id to the renderer
 * (`menu:command`), which runs it like a keyboard shortcut, so every action has one code path.
 * Accelerators are shown in the menu but the renderer's keybindings own the keys.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract/types.js';

export interface MenuOptions {
  /** Recently opened dataset folders, newest first. */
  recent: readonly string[];
  isMac: boolean;
  /** Whether to show developer items (reload, devtools). */
  dev: boolean;
  send: (command: MenuCommand) => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const item = (
    label: string,
    command: string,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => options.send({ command }),
  });
  const recent: MenuItemConstructorOptions[] = options.recent.length
    ? options.recent.map((dir) => ({
        label: dir,
        click: () => options.send({ command: 'dataset.openRecent', dir }),
      }))
    : [{ label: 'No Recent Datasets', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('Open Folder…', 'dataset.openFolder', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      item('Open Demo Dataset', 'dataset.openDemo'),
      { type: 'separator' },
      item('Save', 'curation.save', 'CmdOrCtrl+S'),
      item('Revert to Sorter Output…', 'curation.revert'),
      item('Export…', 'dataset.export', 'CmdOrCtrl+E'),
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'curation.undo', 'CmdOrCtrl+Z'),
      item('Redo', 'curation.redo', 'CmdOrCtrl+Shift+Z'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      item('Command Palette…', 'view.commandPalette', 'CmdOrCtrl+Shift+P'),
      item('Reset Layout', 'view.resetLayout'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
      ...(options.dev
        ? [
            { type: 'separator' } as const,
            { role: 'reload' } as const,
            { role: 'toggleDevTools' } as const,
          ]
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [item('Keyboard Shortcuts', 'help.shortcuts'), item('About Kilocurate', 'help.about')],
  };
  return [...(options.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}
