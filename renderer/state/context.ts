/**
 * @file Typed access to the app state from components (a private key, so no component calls
 * getContext directly).
 */
import { getContext, setContext } from 'svelte';
import type { AppState } from './app.svelte.js';

const KEY = Symbol('kilocurate-app');

export function setAppContext(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside the App component');
  return app;
}
