/**
 * @file Entry of the `kilocurate` command: dispatches sub-commands and turns dataset problems
 * into a one-line message naming the file, with a non-zero exit status.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../core/dataset/dataset-error.js';
import { clustersCommand } from './commands/clusters.js';
import { curateCommand } from './commands/curate.js';
import { infoCommand, UsageError } from './commands/info.js';
import { ExternalChangeError } from '../core/curation/curation-service.js';
import { CurationError } from '../../shared/curation/index.js';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: () => Promise<Command>; summary: string }> = {
  info: {
    run: async () => infoCommand,
    summary: 'info DIR [--json]              what a dataset holds',
  },
  clusters: {
    run: async () => clustersCommand,
    summary:
      'clusters DIR [--json|--tsv]    the cluster table (id, n_spikes, fr, amp, ch, sh, depth, labels)',
  },
  label: {
    run: async () => (args) => curateCommand('label', args),
    summary:
      'label DIR ID... --as good|mua|noise|unsorted [--reason TEXT]  (or --field NAME --as TEXT|--clear)',
  },
  merge: {
    run: async () => (args) => curateCommand('merge', args),
    summary: 'merge DIR ID ID... [--reason TEXT]   prints the new id',
  },
  split: {
    run: async () => (args) => curateCommand('split', args),
    summary:
      'split DIR ID --spikes FILE [--reason TEXT]   FILE: .npy or text list of spike indices; prints the new ids',
  },
  undo: { run: async () => (args) => curateCommand('undo', args), summary: 'undo DIR' },
  redo: { run: async () => (args) => curateCommand('redo', args), summary: 'redo DIR' },
  save: {
    run: async () => (args) => curateCommand('save', args),
    summary: "save DIR [--force]    write Phy's files",
  },
  revert: {
    run: async () => (args) => curateCommand('revert', args),
    summary: "revert DIR            restore the sorter's output",
  },
  history: {
    run: async () => (args) => curateCommand('history', args),
    summary: 'history DIR [--json]',
  },
  export: {
    run: async () => (await import('./commands/export.js')).exportCommand,
    summary: 'export DIR --format si-json OUT   SpikeInterface curation JSON (format v2)',
  },
  metrics: {
    run: async () => (await import('./commands/metrics.js')).metricsCommand,
    summary:
      'metrics DIR [--backend auto|cpu|gpu] [--json|--tsv]   quality metrics of every cluster',
  },
  ccg: {
    run: async () => (await import('./commands/ccg.js')).ccgCommand,
    summary:
      'ccg DIR ID... [--bin-ms B] [--window-ms W] --json   correlograms (phylib layout [i][j][lag])',
  },
  suggest: {
    run: async () => (await import('./commands/suggest.js')).suggestCommand,
    summary: 'suggest DIR --merges|--labels [--rules FILE] [--json]   merge and label suggestions',
  },
  serve: {
    run: async () => (await import('../server/serve-command.js')).serveCommand,
    summary:
      'serve DIR [--host 127.0.0.1] [--port N]   serve the app to a browser (prints a URL with a token)',
  },
  'make-demo': {
    run: async () => (await import('./commands/make-demo.js')).makeDemoCommand,
    summary:
      'make-demo DIR [--units N --duration S --raw-seconds S --seed N]   write a synthetic Kilosort4 folder',
  },
};

export const HELP = `kilocurate — curate spike-sorting output (Phy / Kilosort format)

usage: kilocurate COMMAND [options]
       kilocurate DIR          open DIR in the desktop app (a browser tab without Electron)

commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}

Run \`kilocurate COMMAND --help\` for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command && existsSync(name) && statSync(name).isDirectory()) {
    // `kilocurate DIR`: open the folder in the desktop app (or serve mode without Electron).
    const start = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [start, ...argv], { stdio: 'inherit' });
    return child.status ?? 1;
  }
  if (!command) {
    process.stderr.write(`kilocurate: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await (
      await command.run()
    )(rest);
  } catch (err) {
    if (err instanceof ExternalChangeError) {
      process.stderr.write(
        `kilocurate: ${err.message}\nRun again with --reload to start from the files on disk, or --keep to keep this session.\n`,
      );
      return 3;
    }
    if (err instanceof CurationError) {
      process.stderr.write(`kilocurate: ${err.message}\n`);
      return 1;
    }
    if (err instanceof DatasetError) {
      process.stderr.write(`kilocurate: ${err.message}\n`);
      return 1;
    }
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`kilocurate: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}
