/**
 * @file A small generated Kilosort4 folder for the view tests (6 units, 30 s, 32 channels, the
 * first 2 s of raw data), opened as a Dataset with a fresh CurationModel, plus independent readers
 * of its files (whole-array reads, not the ranged readers the views use).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../../../electron/core/dataset/dataset.js';
import { openDataset } from '../../../../electron/core/dataset/load-dataset.js';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { makeDataset } from '../../../../electron/core/fixtures/make-dataset.js';
import { CurationModel } from '../../../../shared/curation/index.js';

export const GENERATED = { units: 6, durationS: 30, rawSeconds: 2, seed: 3, nChannels: 32 };

export interface Generated {
  root: string;
  dir: string;
  dataset: Dataset;
  model: CurationModel;
  /** A fresh model over the same dataset (for "really apply it" comparisons). */
  freshModel(): CurationModel;
  /** Whole .npy file as numbers, with its shape. */
  load(name: string): { shape: number[]; data: number[] };
  cleanup(): void;
}

export async function generated(options: Partial<typeof GENERATED> = {}): Promise<Generated> {
  const root = mkdtempSync(join(tmpdir(), 'views-'));
  const dir = join(root, 'ks4');
  await makeDataset(dir, { ...GENERATED, ...options });
  const dataset = openDataset(dir);
  const freshModel = () => new CurationModel(Int32Array.from(dataset.spikeClusters));
  return {
    root,
    dir,
    dataset,
    model: freshModel(),
    freshModel,
    load(name) {
      const r = NpyReader.open(join(dir, name));
      try {
        return {
          shape: r.shape,
          data: Array.from(r.readAll() as ArrayLike<number | bigint>, Number),
        };
      } finally {
        r.close();
      }
    },
    cleanup() {
      dataset.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
