#!/usr/bin/env node
// Bundles the preload script to ONE CommonJS file, dist/electron/preload/preload.cjs: a sandboxed
// preload may require only 'electron', so shared/contract (and valibot) must be inlined.
// The main process itself is plain tsc output (tsconfig.build.json -> electron/tsconfig.main.json).
// Called by scripts/build.mjs after tsc.
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    lib: {
      entry: 'electron/preload/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir: 'dist/electron/preload',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    target: 'chrome130',
    rollupOptions: { external: ['electron'] },
  },
});
