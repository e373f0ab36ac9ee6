/**
 * @file Copies of curation files taken before Kilocurate overwrites them:
 *  - `.kilocurate/original/`: the sorter's files, taken once, ever; "revert" restores them;
 *  - `.kilocurate/base/`: the files as they were when the current session epoch began, so the
 *    journal can be replayed from them after our own saves have replaced them on disk.
 * A manifest (written last) records which files existed, so a restore also removes files the
 * snapshot did not have.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { syncDirectory, writeFileAtomic } from './atomic-write.js';
import { ABSENT, fileFingerprint } from './fingerprint.js';

export interface SnapshotManifest {
  created: string;
  /** The journal epoch the snapshot belongs to (base snapshots). */
  epoch?: number;
  /** file name (relative to the dataset) -> fingerprint of the saved copy, or 'absent'. */
  files: Record<string, string>;
}

export const originalsDir = (datasetDir: string) => join(datasetDir, '.kilocurate', 'original');
export const baseDir = (datasetDir: string) => join(datasetDir, '.kilocurate', 'base');

export function readManifest(dir: string): SnapshotManifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as SnapshotManifest;
}

/**
 * Copies `names` (those not yet in the snapshot) from the dataset folder into `dir`. A file
 * already in the snapshot is never replaced, so it keeps the first version seen.
 */
export function snapshotFiles(
  datasetDir: string,
  dir: string,
  names: readonly string[],
  epoch?: number,
): SnapshotManifest {
  mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir) ?? {
    created: new Date().toISOString(),
    ...(epoch !== undefined ? { epoch } : {}),
    files: {},
  };
  let changed = false;
  for (const name of names) {
    if (manifest.files[name] !== undefined) continue;
    const source = join(datasetDir, name);
    const fingerprint = fileFingerprint(source);
    if (fingerprint !== ABSENT) {
      const target = join(dir, name);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
    }
    manifest.files[name] = fingerprint;
    changed = true;
  }
  if (changed) {
    syncDirectory(dir);
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return manifest;
}

/** Puts every file of a snapshot back (atomically) and deletes those it recorded as absent. */
export function restoreSnapshot(datasetDir: string, dir: string): string[] {
  const manifest = readManifest(dir);
  if (!manifest) return [];
  const restored: string[] = [];
  for (const [name, fingerprint] of Object.entries(manifest.files)) {
    const target = join(datasetDir, name);
    if (fingerprint === ABSENT) {
      if (existsSync(target)) unlinkSync(target);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomic(target, readFileSync(join(dir, name)));
    }
    restored.push(name);
  }
  syncDirectory(datasetDir);
  return restored;
}

export function deleteSnapshot(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
