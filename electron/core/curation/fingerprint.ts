/**
 * @file Content fingerprints of files we read and write, used to notice external changes (Phy or
 * a script editing spike_clusters.npy while we have it open) before we overwrite anything.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export const ABSENT = 'absent';

/** `size:sha1` of a file's bytes, or 'absent'. Streams the file in 4 MiB blocks. */
export function fileFingerprint(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return ABSENT;
  }
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(4 << 20);
    let position = 0;
    for (;;) {
      const got = readSync(fd, block, 0, block.length, position);
      if (got === 0) break;
      hash.update(block.subarray(0, got));
      position += got;
    }
  } finally {
    closeSync(fd);
  }
  return `${size}:${hash.digest('hex')}`;
}

export function bytesFingerprint(parts: ReadonlyArray<Uint8Array>): string {
  const hash = createHash('sha1');
  let size = 0;
  for (const p of parts) {
    hash.update(p);
    size += p.byteLength;
  }
  return `${size}:${hash.digest('hex')}`;
}
