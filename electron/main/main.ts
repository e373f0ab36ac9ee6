/**
 * @file Electron entry (the only module that wires Electron to the core): one window, the
 * contract over IPC, the native menu, the folder dialog and the unsaved-changes prompt.
 * `kilocurate DIR` / `npm start -- DIR` open DIR once the page has loaded.
 */
import { app, dialog, ipcMain, Menu } from 'electron';
import type { WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIRE_CHANNELS } from '../../shared/contract/codec.js';
import { contract } from '../../shared/contract/contract.js';
import type { MenuCommand } from '../../shared/contract/types.js';
import { createSessionHost } from '../core/session/handlers.js';
import { createDispatcher } from '../server/dispatcher.js';
import { rendererDir } from '../server/paths.js';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { datasetArg } from './args.js';
import { registerIpc } from './ipc.js';
import type { IpcCallEvent } from './ipc.js';
import { menuTemplate } from './menu.js';
import { guardClose } from './quit-guard.js';
import { createMainWindow } from './window.js';

const initialDir = datasetArg(process.argv, process.defaultApp === true, process.cwd());
const preload = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

async function start(): Promise<void> {
  await app.whenReady();
  const renderer = rendererDir();
  if (!existsSync(join(renderer, 'index.html')) || !existsSync(preload)) {
    dialog.showErrorBox('Kilocurate is not built', 'Run `npm run build`, then start it again.');
    app.quit();
    return;
  }
  serveAppProtocol(renderer);

  const userDataDir = app.getPath('userData');
  const host = createSessionHost({ userDataDir });
  const win = createMainWindow({ preload, userDataDir });
  const send = (channel: string, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const dispatcher = createDispatcher(contract, host.handlers, {
    wireHandlers: {
      [WIRE_CHANNELS.chooseFolder]: async () => {
        const chosen = await dialog.showOpenDialog(win, {
          title: 'Open a sorting output folder',
          properties: ['openDirectory'],
        });
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
    },
    onError: (operation, error) => console.error(`kilocurate: ${operation} failed:`, error),
  });
  const isTrusted = (event: IpcCallEvent) =>
    event.sender === (win.webContents as WebContents) &&
    event.senderFrame?.url !== undefined &&
    new URL(event.senderFrame.url).origin === APP_ORIGIN;
  const unregister = registerIpc({
    ipcMain,
    table: contract,
    dispatcher,
    events: host.events,
    isTrusted,
    send,
  });

  const sendCommand = (command: MenuCommand) => send('menu:command', command);
  const rebuildMenu = async () => {
    const recent = await host.handlers['dataset:recent']({});
    const template = menuTemplate({
      recent,
      isMac: process.platform === 'darwin',
      dev: !app.isPackaged,
      send: sendCommand,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  await rebuildMenu();
  host.events.on('dataset:opened', () => void rebuildMenu());

  guardClose(win, {
    isDirty: async () => (await host.handlers['session:status']({})).dirty,
    ask: async () => {
      const { response } = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: 'Save the curation to the Phy files before closing?',
        detail: 'Unsaved actions stay in the session journal and are restored next time.',
      });
      return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
    },
    save: async () => {
      await host.handlers['curation:save']({});
    },
    onError: (error) => dialog.showErrorBox('Kilocurate', String(error)),
  });

  const openDir = (dir: string) =>
    void dispatcher.call('dataset:open', { dir }, { canWrite: true, push: send }).then((reply) => {
      if (!reply.ok) dialog.showErrorBox('Could not open the dataset', reply.error.message);
    });
  if (initialDir) win.webContents.once('did-finish-load', () => openDir(initialDir));

  // `kilocurate DIR` while the app runs: focus it and open DIR there.
  app.on('second-instance', (_event, argv, cwd) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    const dir = datasetArg(argv, process.defaultApp === true, cwd);
    if (dir) openDir(dir);
  });
  app.on('window-all-closed', () => {
    unregister();
    host.close();
    app.quit();
  });
}

start().catch((error: unknown) => {
  dialog.showErrorBox('Kilocurate could not start', String(error));
  app.exit(1);
});
