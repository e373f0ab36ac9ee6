// ESLint flat config. The layer rules below encode the blueprint (docs/architecture.md):
// DO NOT RELAX THESE RULES. They keep the pure model pure, keep Electron out of the testable core,
// and keep Node out of the renderer.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'net',
];

/** @param {string[]} groups */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-renderer/',
      'release/',
      'out/',
      '**/*.svelte',
      '.cache/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'no .only in tests' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      [
        ...nodeBuiltins,
        'electron',
        'electron/*',
        '**/electron/**',
        '**/renderer/**',
        'better-sqlite3',
        'webgpu',
        'three',
        'svelte',
        'svelte/*',
      ],
      'shared/ is pure TypeScript: it imports only shared/ (no Node, no Electron, no DOM libraries).',
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: forbid(
      [
        'electron',
        'electron/*',
        '**/electron/main/**',
        '**/electron/preload/**',
        '**/renderer/**',
        '../main/**',
        '../preload/**',
      ],
      'electron/core, server and cli never import electron, main, preload or the renderer.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(
      [
        '**/electron/core/**',
        '**/electron/main/**',
        '**/renderer/**',
        '../core/**',
        '../main/**',
        'node:*',
      ],
      'preload imports electron and shared/contract only.',
    ),
  },
  {
    files: ['renderer/**/*.ts'],
    rules: forbid(
      [...nodeBuiltins, 'electron', 'electron/*', '**/electron/**', 'better-sqlite3', 'webgpu'],
      'the renderer imports shared and browser libraries only.',
    ),
  },
);
