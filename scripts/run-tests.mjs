#!/usr/bin/env node
// Runs the whole suite with Node's own test runner (TypeScript through tsx):
// type check, lint, then every test/**/*.test.ts. `--only DIR` restricts to test/DIR.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const skipStatic = args.includes('--no-static') || only !== undefined;

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// Tests keep their user-data files (caches, sessions of read-only folders) in a temp folder.
const env = {
  ...process.env,
  KILOCURATE_USER_DATA: mkdtempSync(join(tmpdir(), 'kilocurate-user-')),
};

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

if (!skipStatic) {
  if (run('npx', ['tsc', '-b', 'tsconfig.json']) !== 0) process.exit(1);
  if (run('npx', ['eslint', '--max-warnings=0', '.']) !== 0) process.exit(1);
  const svelteCheck = [
    'svelte-check',
    '--tsconfig',
    'renderer/tsconfig.json',
    '--fail-on-warnings',
    '--output',
    'human',
  ];
  if (run('npx', svelteCheck) !== 0) process.exit(1);
}

const testRoot = join(root, 'test', only ?? '');
const files = findTests(testRoot)
  .map((f) => relative(root, f))
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${relative(root, testRoot) || '.'}`);
  process.exit(1);
}
// Spec output for people, TAP to a file for the closing summary line.
const tapFile = join(tmpdir(), `kilocurate-tests-${process.pid}.tap`);
const status = run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...files,
]);
if (existsSync(tapFile)) {
  const tap = readFileSync(tapFile, 'utf8');
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  rmSync(tapFile, { force: true });
  console.log(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
}
rmSync(env.KILOCURATE_USER_DATA, { recursive: true, force: true });
process.exit(status);
