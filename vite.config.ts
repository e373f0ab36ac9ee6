/**
 * @file Vite build of the Svelte renderer: renderer/ -> dist-renderer/. Relative asset paths
 * (`base: './'`) so the same build loads from file:// (Electron) and from any serve-mode URL.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist-renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: ['..'] } },
});
