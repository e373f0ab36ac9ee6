/** @file The list of recently opened datasets, most recent first, kept in the user data folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX_RECENT = 12;

export function readRecent(userDataDir: string): string[] {
  const path = join(userDataDir, 'recent.json');
  if (!existsSync(path)) return [];
  try {
    const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function addRecent(userDataDir: string, dir: string): string[] {
  const list = [dir, ...readRecent(userDataDir).filter((d) => d !== dir)].slice(0, MAX_RECENT);
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(join(userDataDir, 'recent.json'), JSON.stringify(list, null, 2));
  return list;
}
