/**
 * @file The preload bridge, without Electron: `window.api` is {@link WireTransport} over
 * ipcRenderer, restricted to the channels the contract table (and the wire) define. The
 * renderer never sees ipcRenderer itself, so it cannot reach any other channel. Calls the
 * renderer may cancel carry a numeric call id (renderer/api/call-ids.ts).
 */
import { WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { Reply, WireTransport } from '../../shared/contract/codec.js';
import { contract } from '../../shared/contract/contract.js';
import { channelsOfKind } from '../../shared/contract/validate.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const CALLS = new Set<string>([
  ...channelsOfKind(contract, 'invoke'),
  ...channelsOfKind(contract, 'job'),
  WIRE_CHANNELS.jobCancel,
  WIRE_CHANNELS.callCancel,
  WIRE_CHANNELS.chooseFolder,
]);
const PUSHES = new Set<string>([
  ...channelsOfKind(contract, 'event'),
  WIRE_CHANNELS.jobProgress,
  WIRE_CHANNELS.jobSettled,
]);

export function createBridge(ipc: IpcRendererLike): WireTransport {
  return {
    call: async (channel, payload, options) => {
      if (typeof channel !== 'string' || !CALLS.has(channel)) {
        const message = `unknown operation '${String(channel)}'`;
        return {
          ok: false,
          error: { code: 'unknown-operation', operation: String(channel), message },
        };
      }
      // A call id (a number: an AbortSignal cannot cross the context bridge) makes the call
      // cancellable through `wire:call:cancel`.
      const callId = options?.callId;
      return (await (typeof callId === 'number'
        ? ipc.invoke(channel, payload, callId)
        : ipc.invoke(channel, payload))) as Reply;
    },
    listen: (channel, deliver) => {
      if (typeof channel !== 'string' || !PUSHES.has(channel))
        throw new Error(`window.api.listen: unknown channel '${String(channel)}'`);
      const listener = (_event: unknown, payload: unknown) => deliver(payload);
      ipc.on(channel, listener);
      return () => {
        ipc.removeListener(channel, listener);
      };
    },
  };
}
