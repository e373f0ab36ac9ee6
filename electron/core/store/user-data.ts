/**
 * @file Where Kilocurate keeps per-user files (recent datasets, sessions of read-only datasets):
 * $KILOCURATE_USER_DATA, else $XDG_DATA_HOME/kilocurate, else ~/.local/share/kilocurate.
 * Electron's main process passes app.getPath('userData') instead.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDataDir(): string {
  if (process.env.KILOCURATE_USER_DATA) return process.env.KILOCURATE_USER_DATA;
  const xdg = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'kilocurate');
}
