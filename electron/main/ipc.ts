/**
 * @file IPC registration generated from the contract table: one ipcMain handler per invoke and
 * job (plus the wire channels), each refusing callers other than our window's own page, and
 * every core event forwarded to the window. Calls that carry a call id can be cancelled with
 * `wire:call:cancel` (a queued call then never runs). Written against the few ipcMain methods it uses so
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
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => unknown): void;
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
  const refused = (channel: string): Reply => {
    const message = 'refused: the call does not come from the Kilocurate window';
    return { ok: false, error: { code: 'forbidden', operation: channel, message } };
  };
  // Calls the renderer may cancel, by the call id it chose (see preload/bridge.ts).
  const inFlight = new Map<number, AbortController>();
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload, callId): Reply | Promise<Reply> => {
      if (!options.isTrusted(event)) return refused(channel);
      if (typeof callId !== 'number') return dispatcher.call(channel, payload, peer);
      const controller = new AbortController();
      inFlight.set(callId, controller);
      return dispatcher.call(channel, payload, peer, controller.signal).finally(() => {
        if (inFlight.get(callId) === controller) inFlight.delete(callId);
      });
    });
  }
  // A cancelled call still queued in the core never runs; one already running finishes and
  // its answer is dropped by the renderer.
  ipcMain.handle(WIRE_CHANNELS.callCancel, (event, callId): Reply => {
    if (!options.isTrusted(event)) return refused(WIRE_CHANNELS.callCancel);
    const target = typeof callId === 'number' ? inFlight.get(callId) : undefined;
    target?.abort();
    return { ok: true, value: target !== undefined };
  });
  const unsubscribe = channelsOfKind(table, 'event').map((name) =>
    options.events.on(name as EventNames<T>, (payload) => options.send(name, payload)),
  );
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeHandler(WIRE_CHANNELS.callCancel);
    for (const controller of inFlight.values()) controller.abort();
    for (const stop of unsubscribe) stop();
    dispatcher.release(peer);
  };
}
