/**
 * @file Opens a Phy-format folder (Kilosort 1/2/2.5/3/4, SpikeInterface/MountainSort exports):
 * reads params.py as literals, the per-spike core into typed arrays, opens big arrays as ranged
 * readers, loads every cluster label TSV, and validates the files against each other. Every
 * problem is reported as a DatasetError naming the file; nothing is written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dataset, RawStatus } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import { detectSorter } from './detect-sorter.js';
import { loadLabelTables } from './label-files.js';
import { NpyReader } from './npy-reader.js';
import { readDatasetParams, type DatasetParams } from './dataset-params.js';
import {
  readFloatVector,
  readIndexVector,
  readIndexVectorWithMax,
  readMatrix,
  startReadSpikeTimes,
  type PendingSpikeTimes,
} from './per-spike.js';
import { buildProbe } from './probe.js';
import { RawData, parseRawDtype } from './raw-data.js';
import { openPcFeatures, openTemplates, readPcFeatureChannels } from './array-files.js';

/** Files the loader knows, in the order `info` lists them. */
export const REQUIRED_FILES = ['spike_times.npy', 'channel_map.npy'] as const;
export const OPTIONAL_FILES = [
  'params.py',
  'spike_clusters.npy',
  'spike_templates.npy',
  'amplitudes.npy',
  'channel_positions.npy',
  'channel_shanks.npy',
  'templates.npy',
  'template_ind.npy',
  'whitening_mat.npy',
  'whitening_mat_inv.npy',
  'similar_templates.npy',
  'pc_features.npy',
  'pc_feature_ind.npy',
  'spike_positions.npy',
  'cluster_group.tsv',
] as const;

export interface OpenDatasetOptions {
  /**
   * Spike times are read on a worker thread (while the other files are read here) from this many
   * spikes on; default BACKGROUND_MIN_SPIKES. Tests lower it to exercise the worker.
   */
  backgroundMinSpikes?: number;
}

export function openDataset(folder: string, options: OpenDatasetOptions = {}): Dataset {
  const dir = resolve(folder);
  if (!existsSync(dir)) throw new DatasetError(folder, 'folder not found');
  if (!statSync(dir).isDirectory()) throw new DatasetError(folder, 'not a folder');
  const names = new Set(readdirSync(dir));
  const has = (name: string) => names.has(name);
  const warnings: string[] = [];
  const readers: NpyReader[] = [];
  const open = (name: string) => {
    const reader = NpyReader.open(join(dir, name), name);
    readers.push(reader);
    return reader;
  };
  const openOptional = (name: string) => (has(name) ? open(name) : null);
  let pendingTimes: PendingSpikeTimes | null = null;

  try {
    for (const name of REQUIRED_FILES) {
      if (!has(name)) throw new DatasetError(name, 'required file is missing');
    }
    if (!has('spike_clusters.npy') && !has('spike_templates.npy')) {
      throw new DatasetError(
        'spike_clusters.npy',
        'missing, and spike_templates.npy is missing too',
      );
    }

    const params: DatasetParams = readDatasetParams(dir, names, warnings);

    // --- per-spike core -------------------------------------------------------------------
    // Times (the biggest file) are converted on a worker while this thread reads the rest.
    pendingTimes = startReadSpikeTimes(open('spike_times.npy'), options.backgroundMinSpikes);
    const nSpikes = pendingTimes.length;
    const checkLength = (name: string, length: number) => {
      if (length !== nSpikes) {
        throw new DatasetError(name, `has ${length} spikes, but spike_times.npy has ${nSpikes}`);
      }
    };
    const templatesReader = openOptional('spike_templates.npy');
    const clustersReader = openOptional('spike_clusters.npy');
    const templatesRead = templatesReader ? readIndexVectorWithMax(templatesReader) : null;
    let spikeTemplates = templatesRead?.values ?? null;
    let templateMax = templatesRead?.max ?? -1;
    if (spikeTemplates) checkLength('spike_templates.npy', spikeTemplates.length);
    let spikeClusters: Int32Array;
    let spikeClustersSource: Dataset['spikeClustersSource'];
    if (clustersReader) {
      const clustersRead = readIndexVectorWithMax(clustersReader);
      spikeClusters = clustersRead.values;
      if (!templatesRead) templateMax = clustersRead.max;
      checkLength('spike_clusters.npy', spikeClusters.length);
      spikeClustersSource = 'spike_clusters.npy';
    } else {
      // No spike_clusters.npy: start from the templates in memory; nothing is written at open.
      spikeClusters = Int32Array.from(spikeTemplates as Int32Array);
      spikeClustersSource = 'spike_templates.npy';
    }
    if (!spikeTemplates) {
      warnings.push(
        'spike_templates.npy is missing: using spike_clusters.npy as the template of each spike',
      );
      spikeTemplates = spikeClusters;
    }

    // --- probe ----------------------------------------------------------------------------
    const mapReader = open('channel_map.npy');
    const channelMap = readIndexVector(mapReader);
    const positionsReader = openOptional('channel_positions.npy');
    const shanksReader = openOptional('channel_shanks.npy');
    const probe = buildProbe({
      channelMap,
      positions: positionsReader ? readMatrix(positionsReader, warnings) : null,
      positionsShape: positionsReader ? positionsReader.shape : null,
      shanks: shanksReader ? readMatrix(shanksReader, warnings) : null,
      shanksAreFloat: shanksReader?.dtype.kind === 'f',
      positionsAreFloat: positionsReader ? positionsReader.dtype.kind === 'f' : true,
      nChannelsDat: params.nChannelsDat,
      warnings,
    });

    // --- templates and similarity ---------------------------------------------------------
    const templates = openTemplates(
      openOptional('templates.npy'),
      openOptional('template_ind.npy'),
      probe.nChannels,
      warnings,
    );
    const maxTemplate = templateMax;
    const similarReader = openOptional('similar_templates.npy');
    let similarTemplates: Float32Array | null = null;
    let nTemplates = templates?.nTemplates ?? maxTemplate + 1;
    if (similarReader) {
      const [a, b] = similarReader.shape;
      if (similarReader.shape.length !== 2 || a !== b) {
        throw new DatasetError(
          'similar_templates.npy',
          `shape (${similarReader.shape.join(', ')}) is not square`,
        );
      }
      if (templates && a !== templates.nTemplates) {
        throw new DatasetError(
          'similar_templates.npy',
          `is ${a}×${a}, but templates.npy has ${templates.nTemplates} templates`,
        );
      }
      nTemplates = Math.max(nTemplates, a as number);
      similarTemplates = Float32Array.from(readMatrix(similarReader, warnings));
    }
    const haveTemplateCount = templates !== null || similarReader !== null;
    if (haveTemplateCount && maxTemplate >= nTemplates) {
      throw new DatasetError(
        'spike_templates.npy',
        `refers to template ${maxTemplate}, but there are only ${nTemplates} templates`,
      );
    }

    const whiteningReader = openOptional('whitening_mat_inv.npy');
    let whiteningMatInv: Float64Array | null = null;
    if (whiteningReader) {
      const expected = templates?.channelIndex
        ? probe.nChannels
        : (templates?.nChannelsLocal ?? probe.nChannels);
      if (
        whiteningReader.shape.length !== 2 ||
        whiteningReader.shape[0] !== expected ||
        whiteningReader.shape[1] !== expected
      ) {
        warnings.push(
          `whitening_mat_inv.npy: shape (${whiteningReader.shape.join(', ')}) does not match ${expected} channels; templates are shown as stored`,
        );
      } else {
        whiteningMatInv = readMatrix(whiteningReader, warnings);
      }
    }

    const pcFeatureChannels = readPcFeatureChannels(
      openOptional('pc_feature_ind.npy'),
      nTemplates,
      probe.nChannels,
    );
    const pcFeatures = openPcFeatures(
      openOptional('pc_features.npy'),
      pcFeatureChannels,
      openOptional('pc_feature_spike_ids.npy'),
      nSpikes,
      warnings,
    );

    // --- optional per-spike vectors, loaded on demand ------------------------------------------
    const lazy = <T>(name: string, load: (r: NpyReader) => T): (() => T | null) => {
      let cached: T | null | undefined;
      const reader = openOptional(name);
      if (
        reader &&
        reader.shape[0] !== nSpikes &&
        !(reader.shape.length === 2 && reader.shape[1] === nSpikes && reader.shape[0] === 1)
      ) {
        warnings.push(`${name}: has ${reader.shape[0]} rows for ${nSpikes} spikes; ignored`);
        return () => null;
      }
      return () => {
        if (cached === undefined) cached = reader ? load(reader) : null;
        return cached;
      };
    };
    const amplitudes = lazy('amplitudes.npy', (r) => readFloatVector(r, warnings));
    const spikePositions = lazy('spike_positions.npy', (r) => {
      if (r.shape.length !== 2 || r.shape[1] !== 2) {
        throw new DatasetError(
          'spike_positions.npy',
          `shape (${r.shape.join(', ')}) is not (n_spikes, 2)`,
        );
      }
      return Float32Array.from(readMatrix(r, warnings));
    });

    const labels = loadLabelTables(dir, names, warnings);
    const raw = openRaw(params, warnings);
    const spikeTimes = pendingTimes.join();
    const lastSpikeS = nSpikes > 0 ? (spikeTimes[nSpikes - 1] as number) / params.sampleRate : 0;
    // Phy uses the raw file's length when there is one; a raw file shorter than the spikes
    // (a partial copy) would make every firing rate too high, so take the longer of the two.
    const durationS =
      raw.status === 'available'
        ? Math.max(raw.data.nSamples / params.sampleRate, lastSpikeS)
        : lastSpikeS;

    const knownFiles = [...REQUIRED_FILES, ...OPTIONAL_FILES];
    return {
      dir,
      sorter: detectSorter(names, templates, pcFeatures),
      sampleRate: params.sampleRate,
      nSpikes,
      spikeTimes,
      spikeTemplates,
      spikeClusters,
      spikeClustersSource,
      nTemplates,
      probe,
      nChannelsDat: params.nChannelsDat,
      templates,
      whiteningMatInv,
      templateScaling: params.templateScaling,
      similarTemplates,
      pcFeatures,
      pcFeatureChannels,
      amplitudes,
      spikePositions,
      labels: labels.table,
      hasCuratedGroups: labels.hasCuratedGroups,
      raw,
      durationS,
      files: {
        present: knownFiles.filter(has),
        missing: knownFiles.filter((n) => !has(n)),
      },
      warnings,
      nt0min: params.nt0min ?? (templates?.nSamples === 61 ? 20 : undefined),
      close: () => readers.forEach((r) => r.close()),
    };
  } catch (err) {
    try {
      // Read sequentially, invalid spike times would have been reported before anything else:
      // their error wins. Joining also ends the worker's use of the readers' descriptors.
      pendingTimes?.join();
    } finally {
      readers.forEach((r) => r.close());
    }
    throw err;
  }
}

function openRaw(params: DatasetParams, warnings: string[]): RawStatus {
  if (params.datPaths.length === 0)
    return { status: 'none', reason: 'params.py names no raw data (dat_path)' };
  const missing = params.datPaths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    return {
      status: 'missing',
      paths: params.datPaths,
      reason: `not found: ${missing.join(', ')}`,
    };
  }
  if (params.nChannelsDat === undefined || params.dtype === undefined) {
    return {
      status: 'missing',
      paths: params.datPaths,
      reason: 'params.py lacks n_channels_dat or dtype',
    };
  }
  try {
    const data = new RawData({
      paths: params.datPaths,
      dtype: parseRawDtype(params.dtype),
      nChannelsDat: params.nChannelsDat,
      offset: params.offset,
    });
    warnings.push(...data.warnings);
    return { status: 'available', data, paths: params.datPaths };
  } catch (err) {
    return {
      status: 'missing',
      paths: params.datPaths,
      reason: err instanceof Error ? err.message : String(err),
    };
  }
}

/** Reads a text file of the dataset with a clear error. */
export function readDatasetText(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetError(
      name,
      code === 'EACCES' ? 'permission denied (cannot read the file)' : `cannot read (${code})`,
    );
  }
}
