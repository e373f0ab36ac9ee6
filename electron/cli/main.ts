/**
 * @file Entry of the `kilocurate` command: dispatches sub-commands and turns dataset problems
 * into a one-line message naming the file, with a non-zero exit status.
 */
import { DatasetError } from '../core/dataset/dataset-error.js';
import { clustersCommand } from './commands/clusters.js';
import { infoCommand, UsageError } from './commands/info.js';

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
  'make-demo': {
    run: async () => (await import('./commands/make-demo.js')).makeDemoCommand,
    summary:
      'make-demo DIR [--units N --duration S --raw-seconds S --seed N]   write a synthetic Kilosort4 folder',
  },
};

export const HELP = `kilocurate — curate spike-sorting output (Phy / Kilosort format)

usage: kilocurate COMMAND [options]

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
  if (!command) {
    process.stderr.write(`kilocurate: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await (
      await command.run()
    )(rest);
  } catch (err) {
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
