/**
 * @file An in-process stand-in for Electron's ipcMain / ipcRenderer / webContents.send: every
 * payload crosses `structuredClone`, as it does between Electron processes. Not a test file.
 */
import type { IpcCallEvent, IpcMainLike } from '../../../electron/main/ipc.js';
import type { IpcRendererLike } from '../../../electron/preload/bridge.js';

type Listener = (event: unknown, payload: unknown) => void;

export function fakeIpcPair(frameUrl = 'app://kilocurate/index.html') {
  const handlers = new Map<string, (event: IpcCallEvent, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const ourWindow = { id: 1 };
  let sender: unknown = ourWindow;

  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      // Electron rejects like this when nothing handles a channel.
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event: IpcCallEvent = { sender, senderFrame: { url: frameUrl } };
      return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  /** webContents.send of our window. */
  const send = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, structuredClone(payload));
  };
  return {
    ipcMain,
    ipcRenderer,
    send,
    handlers,
    listeners,
    isTrusted: (event: IpcCallEvent) =>
      event.sender === ourWindow && event.senderFrame?.url.startsWith('app://kilocurate/') === true,
    /** Makes later calls come from another webContents. */
    impersonate: () => {
      sender = { id: 2 };
    },
  };
}
