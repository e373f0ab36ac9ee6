/**
 * @file The dataset folder given on the command line: `kilocurate DIR` (packaged: argv is
 * [exe, DIR]) or `electron . DIR` / `npm start -- DIR` (argv is [electron, app, DIR]).
 */
import { resolve } from 'node:path';

/**
 * @param argv - process.argv
 * @param defaultApp - process.defaultApp: true when run as `electron <app>`
 * @param cwd - where relative paths are resolved
 */
export function datasetArg(
  argv: readonly string[],
  defaultApp: boolean,
  cwd: string,
): string | undefined {
  // Chromium and Electron switches (--no-sandbox, --inspect=...) are not datasets.
  const positional = argv.slice(defaultApp ? 2 : 1).filter((a) => !a.startsWith('-'));
  return positional[0] === undefined ? undefined : resolve(cwd, positional[0]);
}
