/**
 * @file IPC registration generated from the contract table: one ipcMain handler per invoke and
 * job (plus the wire channels), each refusing callers other than our window's own page, and
 * every core event forwarded to the window. Written against the few ipcMain methods it uses so
 * that tests drive it with an in-process fake.
 */
import { WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { Reply } from '../../shared/contract/codec.js';
import type { ContractTable, EventNames } from '../../shared/contract/define.js';
import { channelsOfKind } from '../../shared/contract/validate.js';
import type { Dispatcher, Peer } from '../server/dispatcher.js';
import type { EventSource } from '../server/server.js';

/** What Electron passes to an ipcMain.handle listener, as far as we read it. */
export interface IpcCallEvent {
  sender: unknown;
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcCallEvent, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions<T extends ContractTable> {
  ipcMain: IpcMainLike;
  table: T;
  dispatcher: Dispatcher;
  events: EventSource<T>;
  /** True only for calls from our window's top-level page. */
  isTrusted: (event: IpcCallEvent) => boolean;
  /** Sends a push to our window (webContents.send). */
  send: (channel: string, payload: unknown) => void;
}

/** Registers everything; returns a function that removes it again. */
export function registerIpc<T extends ContractTable>(options: RegisterIpcOptions<T>): () => void {
  const { ipcMain, table, dispatcher } = options;
  // The desktop window is the only client, so it is always the writer.
  const peer: Peer = { canWrite: true, push: options.send };
  const channels = [
    ...channelsOfKind(table, 'invoke'),
    ...channelsOfKind(table, 'job'),
    WIRE_CHANNELS.jobCancel,
    WIRE_CHANNELS.chooseFolder,
  ];
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload): Reply | Promise<Reply> => {
      if (!options.isTrusted(event)) {
        const message = 'refused: the call does not come from the Kilocurate window';
        return { ok: false, error: { code: 'forbidden', operation: channel, message } };
      }
      return dispatcher.call(channel, payload, peer);
    });
  }
  const unsubscribe = channelsOfKind(table, 'event').map((name) =>
    options.events.on(name as EventNames<T>, (payload) => options.send(name, payload)),
  );
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    for (const stop of unsubscribe) stop();
    dispatcher.release(peer);
  };
}
