/**
 * @file The one place the renderer gets its API client. The client comes from renderer/api/
 * (IPC in Electron, WebSocket in serve mode) and is installed once at start-up by main.ts; tests
 * and the e2e harness may install any other `ClientApi<Contract>`.
 */
import type { Contract } from '../../shared/contract/contract.js';
import type { ClientApi } from '../../shared/contract/define.js';

export type Api = ClientApi<Contract>;

let current: Api | null = null;

/** Installs the client the whole renderer talks to. */
export function setApi(api: Api): void {
  current = api;
}

/** The installed client. @throws Error before setApi was called. */
export function getApi(): Api {
  if (!current) throw new Error('the API client is not connected yet');
  return current;
}
