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

/** What identifies an unchanged file without reading it: size, modification time, inode. */
function statKey(path: string): string | null {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Content fingerprints, remembered by stat key so an unchanged 80 MB spike_clusters.npy is not
 * hashed again on every open and save. A file rewritten by another program gets a new mtime or
 * inode (rename) and is hashed afresh; the fingerprint itself is always a content hash.
 */
export class FingerprintCache {
  private readonly entries: Map<string, { stat: string; fp: string }>;

  constructor(stored: string | undefined) {
    let parsed: Record<string, { stat: string; fp: string }> = {};
    try {
      parsed = stored ? (JSON.parse(stored) as typeof parsed) : {};
    } catch {
      parsed = {};
    }
    this.entries = new Map(Object.entries(parsed));
  }

  /** The file's fingerprint ('absent' when missing), hashing only when its stat changed. */
  fingerprint(path: string): string {
    const key = statKey(path);
    if (key === null) return ABSENT;
    const known = this.entries.get(path);
    if (known && known.stat === key) return known.fp;
    const fp = fileFingerprint(path);
    this.entries.set(path, { stat: key, fp });
    return fp;
  }

  /** Records a file we just wrote with known content, so it is never re-read. */
  remember(path: string, fp: string): void {
    const key = statKey(path);
    if (key !== null) this.entries.set(path, { stat: key, fp });
  }

  serialize(): string {
    return JSON.stringify(Object.fromEntries(this.entries));
  }
}
