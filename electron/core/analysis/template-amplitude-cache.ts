/**
 * @file On-disk cache of every template's per-channel peak-to-peak amplitude (unwhitened), the
 * one costly part of opening a dataset: with a dense whitening matrix it is a
 * (samples × channels) · (channels × channels) product per template, seconds for a Neuropixels
 * sort. Keyed by the size and modification time of the files it derives from; kept in the user
 * data folder so that opening never writes into the dataset folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dataset/dataset.js';
import { defaultUserDataDir } from '../store/user-data.js';

const SOURCES = [
  'templates.npy',
  'template_ind.npy',
  'whitening_mat_inv.npy',
  'channel_map.npy',
  'params.py',
];

function cacheKey(dataset: Dataset): string {
  const parts: unknown[] = [
    1,
    dataset.dir,
    dataset.templateScaling,
    dataset.probe.nChannels,
    dataset.whiteningMatInv !== null,
  ];
  for (const name of SOURCES) {
    try {
      const s = statSync(join(dataset.dir, name));
      parts.push(name, s.size, s.mtimeMs);
    } catch {
      parts.push(name, null);
    }
  }
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

function cachePath(dataset: Dataset, userDataDir: string): string {
  return join(userDataDir, 'cache', `template-amplitudes-${cacheKey(dataset)}.f32`);
}

/** The cached amplitudes (n_templates × n_channels, row-major), or null. */
export function readTemplateAmplitudes(
  dataset: Dataset,
  userDataDir = defaultUserDataDir(),
): Float32Array | null {
  const n = (dataset.templates?.nTemplates ?? 0) * dataset.probe.nChannels;
  if (n === 0) return null;
  try {
    const bytes = readFileSync(cachePath(dataset, userDataDir));
    if (bytes.byteLength !== n * 4) return null;
    const out = new Float32Array(n);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  } catch {
    return null;
  }
}

/** Stores the amplitudes; failures (read-only home, full disk) only cost the next open time. */
export function writeTemplateAmplitudes(
  dataset: Dataset,
  amplitudes: Float32Array,
  userDataDir = defaultUserDataDir(),
): void {
  try {
    const path = cachePath(dataset, userDataDir);
    mkdirSync(join(userDataDir, 'cache'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      new Uint8Array(amplitudes.buffer, amplitudes.byteOffset, amplitudes.byteLength),
    );
    renameSync(tmp, path);
  } catch {
    // A cache is an optimisation: never fail an open because of it.
  }
}
