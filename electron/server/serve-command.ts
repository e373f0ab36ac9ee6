/**
 * @file `kilocurate serve [DIR] [--host H] [--port N] [--root R]`: opens the dataset (if given)
 * in a session host and serves the renderer plus the contract until interrupted. The browser may
 * open other datasets under the root only (default: the folder holding DIR, else the home folder).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contract } from '../../shared/contract/contract.js';
import { createSessionHost } from '../core/session/handlers.js';
import { isInsideRoot } from '../core/session/open-root.js';
import { rendererDir } from './paths.js';
import { isLoopback } from './security.js';
import { startServer } from './server.js';

export const SERVE_USAGE = `usage: kilocurate serve [DIR] [--host 127.0.0.1] [--port N] [--root DIR] [--renderer DIR]

Serves the Kilocurate UI to a browser. Open the printed URL: it carries a secret token.
  --host H        interface to bind (default 127.0.0.1; other values expose the session)
  --port N        TCP port (default: a free one)
  --root DIR      the browser may open datasets under this folder only (default: the folder
                  that holds DIR, else your home folder)
  --renderer DIR  the built renderer to serve (default: dist-renderer/ of this install)
`;

export interface ServeIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the server should stop. @default SIGINT or SIGTERM */
  stopped?: Promise<void>;
  userDataDir?: string;
}

/** Runs serve mode until stopped; returns the exit status. */
export async function serveCommand(
  args: string[],
  io: ServeIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SERVE_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || positionals.length > 1) {
    io.err(SERVE_USAGE);
    return 2;
  }
  const staticDir = values.renderer ?? rendererDir();
  if (!existsSync(join(staticDir, 'index.html')))
    io.err(`kilocurate: no built renderer in ${staticDir}; run \`npm run build\` first.`);

  const initialDir = positionals[0];
  const openRoot = resolve(values.root ?? (initialDir ? dirname(resolve(initialDir)) : homedir()));
  if (initialDir && !isInsideRoot(openRoot, initialDir)) {
    io.err(`kilocurate: ${initialDir} is outside --root ${openRoot}`);
    return 2;
  }
  const host = createSessionHost({ initialDir, userDataDir: io.userDataDir, openRoot });
  const server = await startServer({
    table: contract,
    handlers: host.handlers,
    events: host.events,
    staticDir,
    host: values.host,
    port,
    onError: (operation, error) => io.err(`kilocurate: ${operation} failed: ${String(error)}`),
  });
  io.out(`Kilocurate is serving ${initialDir ?? '(no dataset yet)'}`);
  io.out(`Datasets can be opened from ${openRoot} and below`);
  io.out(`Open ${server.url}`);
  if (!isLoopback(values.host))
    io.err(
      'warning: bound to a non-loopback address; anyone with this URL can reach the session, ' +
        'and the traffic is not encrypted (prefer an SSH tunnel to 127.0.0.1).',
    );
  await (io.stopped ?? signalled());
  await server.close();
  host.close();
  return 0;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
