#!/usr/bin/env node
// Builds the Svelte renderer to dist-renderer/ with Vite (called by scripts/build.mjs).
// Exits non-zero on failure so the build stops.
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
try {
  await build({ configFile: `${root}vite.config.ts`, root: `${root}renderer`, logLevel: 'warn' });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
