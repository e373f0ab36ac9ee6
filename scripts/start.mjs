#!/usr/bin/env node
// `npm start [-- DIR]`: the desktop app when the Electron binary is installed, otherwise serve
// mode (the same UI in a browser) with a clear message and the URL to open. Builds first when
// the build output is missing. KILOCURATE_SERVE=1 forces serve mode.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

const needed = ['dist/electron/main/main.js', 'dist/electron/server/serve-command.js'];
if (needed.some((f) => !existsSync(join(root, f)))) {
  console.log('kilocurate: building first (npm run build)…');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(root, 'dist/electron/preload/preload.cjs'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** The Electron binary's path, or why there is none. */
function findElectron() {
  if (process.env.KILOCURATE_SERVE === '1') return { why: 'KILOCURATE_SERVE=1 is set' };
  try {
    // The electron package exports the path of its downloaded binary and throws without one.
    const path = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { why: `the Electron binary is missing (${path})` };
  } catch (err) {
    return { why: `the Electron binary is not installed (${err.message.split('\n')[0]})` };
  }
}

/**
 * better-sqlite3 in node_modules is compiled for Node (tests, CLI, serve mode); Electron has
 * another ABI. Build a second copy for Electron once, under .cache/, and hand its path to the
 * main process (better-sqlite3's `nativeBinding` option) so both keep working from one install.
 */
function electronSqliteBinding() {
  const version = createRequire(import.meta.url)('electron/package.json').version;
  const dir = join(root, '.cache', 'electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`kilocurate: building better-sqlite3 for Electron ${version} (once)…`);
  cpSync(join(root, 'node_modules', 'better-sqlite3'), dir, { recursive: true });
  rmSync(join(dir, 'build'), { recursive: true, force: true });
  const gyp = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  const built = spawnSync(
    process.execPath,
    [
      existsSync(gyp) ? gyp : createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${version}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ],
    { cwd: dir, stdio: 'inherit' },
  );
  if (built.status !== 0 || !existsSync(binding)) {
    console.error(
      'kilocurate: could not build better-sqlite3 for Electron; use `npm run serve` instead.',
    );
    process.exit(1);
  }
  return binding;
}

const electron = findElectron();
if (electron.path) {
  const env = { ...process.env, KILOCURATE_SQLITE_BINDING: electronSqliteBinding() };
  const child = spawn(electron.path, [root, ...args], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
} else {
  console.log(`kilocurate: ${electron.why};`);
  console.log('kilocurate: starting the browser mode instead (same UI, served on this machine).');
  const entry = pathToFileURL(join(root, 'dist/electron/server/serve-command.js')).href;
  const { serveCommand } = await import(entry);
  process.exitCode = await serveCommand(args);
}
