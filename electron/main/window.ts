/**
 * @file The main window: sandboxed, context-isolated, no Node in the page, no navigation away
 * from app://kilocurate, no new windows, no webviews, no permission grants; bounds restored
 * from and saved to userData.
 */
import { BrowserWindow, screen, session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, isAppUrl } from './app-protocol.js';
import { loadWindowState, saveWindowState } from './window-state.js';

export interface MainWindowOptions {
  /** The bundled preload script (CommonJS). */
  preload: string;
  userDataDir: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const stateFile = join(options.userDataDir, 'window-state.json');
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const state = loadWindowState(stateFile, displays);

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, grant) => grant(false));
  const win = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Kilocurate',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());

  win.on('close', () => {
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
