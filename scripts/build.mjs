#!/usr/bin/env node
// Compiles the Node side (shared, electron/core, server, cli) to dist/ so that `kilocurate` runs
// without tsx. Runs from `npm install` (prepare).
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const tsc = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
