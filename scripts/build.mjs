#!/usr/bin/env node
// Builds everything `npm install` must leave working (runs from `prepare`):
//  1. the Node side (shared, electron/core, server, cli, main) to dist/ with tsc;
//  2. WGSL shader sources copied next to their compiled kernels;
//  3. the Electron preload and the renderer (scripts/build-electron.mjs, build-renderer.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);

function copyShaders(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyShaders(path);
    else if (name.endsWith('.wgsl')) {
      const target = join(root, 'dist', relative(root, path));
      cpSync(path, target);
    }
  }
}
if (existsSync(join(root, 'electron/core/gpu'))) copyShaders(join(root, 'electron/core/gpu'));

for (const step of ['build-electron.mjs', 'build-renderer.mjs']) {
  const script = join(root, 'scripts', step);
  if (existsSync(script)) run(process.execPath, [script]);
}

