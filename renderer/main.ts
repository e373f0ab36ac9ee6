/**
 * @file Renderer entry: connects the API (Electron bridge or serve-mode WebSocket), installs it
 * and mounts the app. A failed connection is shown as a readable page, not a blank window.
 */
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { connectApi } from './api/index.js';
import { setApi } from './state/api-context.js';

const target = document.getElementById('app')!;
try {
  const api = await connectApi();
  setApi(api.client);
  mount(App, {
    target,
    props: { onDisconnect: (l: (why: string) => void) => api.onDisconnect(l) },
  });
} catch (e) {
  target.innerHTML = '';
  const p = document.createElement('p');
  p.className = 'fatal';
  p.textContent = `Could not connect to the Kilocurate core: ${e instanceof Error ? e.message : String(e)}`;
  target.append(p);
}
