/**
 * @file Cancellation over the desktop bridge. An AbortSignal cannot cross Electron's context
 * bridge, so this side of it turns `options.signal` into a numeric call id: the call is made
 * with `{ callId }`, and aborting sends `wire:call:cancel` with that id and answers the caller
 * at once with a 'cancelled' reply (the core then never starts the call if it is still queued).
 */
import { cancelledReply, WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { Reply, WireTransport } from '../../shared/contract/codec.js';

/** `bridge` with calls cancellable by their `options.signal`. */
export function withCallIds(bridge: WireTransport): WireTransport {
  let nextId = 1;
  return {
    listen: (channel, deliver) => bridge.listen(channel, deliver),
    call: (channel, payload, options) => {
      const signal = options?.signal;
      if (!signal) return bridge.call(channel, payload);
      const cancelled = cancelledReply(channel);
      if (signal.aborted) return Promise.resolve(cancelled);
      const callId = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        const onAbort = () => {
          resolve(cancelled);
          // Fire and forget: the reply of the cancelled call settles nothing any more.
          void bridge.call(WIRE_CHANNELS.callCancel, callId).catch(() => undefined);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        bridge.call(channel, payload, { callId }).then(
          (reply) => {
            signal.removeEventListener('abort', onAbort);
            resolve(reply);
          },
          (err: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
    },
  };
}
