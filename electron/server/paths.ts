/**
 * @file Where the installed package's files are, found from this module's own location so it
 * works from the sources (tsx), from dist/ and from inside an Electron app.asar alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Kilocurate's package.json, searched upwards from `fromUrl`. */
export function packageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kilocurate')
          return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the kilocurate package root');
    dir = parent;
  }
}

/** The built renderer, served by serve mode and by the desktop app's app:// protocol. */
export const rendererDir = (root: string = packageRoot()): string => join(root, 'dist-renderer');
