/**
 * @file Entry point of the renderer's API: on the desktop the preload's `window.api` bridge,
 * in a browser a WebSocket to the serve-mode server (token taken from the page URL). Both give
 * the same {@link ClientApi}; only the desktop has a native shell (folder dialog).
 */
import { WIRE_CHANNELS } from '../../shared/contract/codec.js';
import type { WireTransport } from '../../shared/contract/codec.js';
import type { Contract } from '../../shared/contract/contract.js';
import type { ClientApi } from '../../shared/contract/define.js';
import { withCallIds } from './call-ids.js';
import { createClient, unwrap } from './client.js';
import { connectSocket, socketUrlFromPage } from './ws-client.js';
import type { WebSocketLike } from './ws-client.js';

export { RemoteError } from './remote-error.js';
export type { Client } from './client.js';

/** What only the desktop shell can do. */
export interface ShellApi {
  /** Shows the native folder dialog; null when cancelled. */
  chooseFolder(): Promise<string | null>;
}

export interface Api {
  client: ClientApi<Contract>;
  mode: 'desktop' | 'serve';
  /** Null in a browser: ask for a path with a text field instead. */
  shell: ShellApi | null;
  /** Runs when the connection to the core is lost (serve mode only). */
  onDisconnect(listener: (why: string) => void): void;
}

/** The globals read here, without needing the DOM typings. */
export interface ApiEnvironment {
  api?: WireTransport;
  location?: { href: string };
  WebSocket?: new (url: string) => WebSocketLike;
}

/** Builds the API for the environment the page runs in (desktop first, else serve mode). */
export async function connectApi(
  env: ApiEnvironment = globalThis as unknown as ApiEnvironment,
): Promise<Api> {
  const bridge = env.api;
  if (bridge) {
    return {
      client: createClient<Contract>(withCallIds(bridge)),
      mode: 'desktop',
      shell: {
        chooseFolder: async () =>
          unwrap(await bridge.call(WIRE_CHANNELS.chooseFolder, null)) as string | null,
      },
      onDisconnect: () => {},
    };
  }
  const Socket = env.WebSocket;
  if (!env.location || !Socket) throw new Error('neither window.api nor WebSocket is available');
  const transport = await connectSocket(
    socketUrlFromPage(env.location.href),
    (url) => new Socket(url),
  );
  return {
    client: createClient<Contract>(transport),
    mode: 'serve',
    shell: null,
    onDisconnect: (listener) =>
      transport.onClose((code, reason) => listener(`connection closed (${code} ${reason})`.trim())),
  };
}
