/**
 * @file Preload script (sandboxed, bundled to CommonJS by scripts/build-electron.mjs): exposes
 * the contract bridge as `window.api` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer));
