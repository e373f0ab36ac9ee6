/**
 * @file Which folders a session host may open. In serve mode whoever holds the URL can ask the
 * core to open a folder, so the host confines `dataset:open` to one root folder (its subfolders
 * included); symbolic links are resolved first, so a link inside the root cannot lead out of it.
 * The desktop app and the CLI have no root: the user picks any folder there.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export class OutsideRootError extends Error {
  constructor(
    readonly dir: string,
    readonly root: string,
  ) {
    super(`this server opens folders under ${root} only; ${dir} is outside it`);
    this.name = 'OutsideRootError';
  }
}

/** The real path of `p` when it exists, else its resolved path. */
function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Whether `dir` (after links are resolved) is `root` or lies below it. */
export function isInsideRoot(root: string, dir: string): boolean {
  const rel = relative(real(root), real(dir));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Throws {@link OutsideRootError} unless `dir` may be opened under `root` (null: any folder). */
export function checkInsideRoot(root: string | null, dir: string): void {
  if (root !== null && !isInsideRoot(root, dir)) throw new OutsideRootError(dir, root);
}
