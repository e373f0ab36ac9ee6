/**
 * @file Atomic file replacement: write a temporary file in the same folder, fsync it, rename it
 * over the target, fsync the folder. A crash at any moment leaves either the complete old file or
 * the complete new one — never a truncated one (Phy issue #1249).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export function writeFileAtomic(
  path: string,
  chunks: ReadonlyArray<Uint8Array> | Uint8Array | string,
): void {
  const parts =
    typeof chunks === 'string'
      ? [Buffer.from(chunks, 'utf8')]
      : chunks instanceof Uint8Array
        ? [chunks]
        : chunks;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.kilocurate-tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    for (const part of parts) {
      let done = 0;
      while (done < part.byteLength) done += writeSync(fd, part, done, part.byteLength - done);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  syncDirectory(dir);
}

/** Makes a rename durable: fsync of the containing folder (a no-op where unsupported). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
