/**
 * @file The optional array files next to the per-spike core, opened as ranged readers and checked
 * against each other: templates.npy (+ template_ind.npy) and pc_features.npy (+ its channel
 * table and, for subsets, pc_feature_spike_ids.npy). Used by openDataset.
 */
import type { Dataset, PcFeaturesSource, TemplatesSource } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import type { NpyReader } from './npy-reader.js';
import { readIndexVector } from './per-spike.js';

/** templates.npy as a ranged reader, with its channel table when sparse. */
export function openTemplates(
  reader: NpyReader | null,
  indReader: NpyReader | null,
  nChannels: number,
  warnings: string[],
): TemplatesSource | null {
  if (!reader) return null;
  if (reader.shape.length !== 3) {
    throw new DatasetError(
      'templates.npy',
      `shape (${reader.shape.join(', ')}) is not (n_templates, n_samples, n_channels)`,
    );
  }
  const [nTemplates, nSamples, nLocal] = reader.shape as [number, number, number];
  let channelIndex: Int32Array | null = null;
  if (indReader) {
    if (indReader.shape[0] !== nTemplates || indReader.shape[1] !== nLocal) {
      throw new DatasetError(
        'template_ind.npy',
        `shape (${indReader.shape.join(', ')}) does not match templates.npy (${nTemplates}, ${nLocal})`,
      );
    }
    const raw = indReader.readAll();
    channelIndex = Int32Array.from(raw as ArrayLike<number>, Number);
    for (const c of channelIndex) {
      if (c >= nChannels)
        throw new DatasetError(
          'template_ind.npy',
          `refers to channel ${c}, but the probe has ${nChannels} channels`,
        );
    }
  } else if (nLocal !== nChannels) {
    throw new DatasetError(
      'templates.npy',
      `has ${nLocal} channels, but channel_map.npy has ${nChannels} (and there is no template_ind.npy)`,
    );
  }
  if (nSamples < 3) warnings.push(`templates.npy: only ${nSamples} samples per template`);
  return { reader, nTemplates, nSamples, nChannelsLocal: nLocal, channelIndex };
}

/** pc_feature_ind.npy: the channels of each template's PC features, validated. */
export function readPcFeatureChannels(
  indReader: NpyReader | null,
  nTemplates: number,
  nChannels: number,
): Dataset['pcFeatureChannels'] {
  if (!indReader) return null;
  if (indReader.shape.length !== 2 || (indReader.shape[0] as number) < nTemplates) {
    throw new DatasetError(
      'pc_feature_ind.npy',
      `shape (${indReader.shape.join(', ')}) does not cover ${nTemplates} templates`,
    );
  }
  const channelIndex = Int32Array.from(indReader.readAll() as ArrayLike<number>, Number);
  for (let i = 0; i < channelIndex.length; i++) {
    const c = channelIndex[i] as number;
    if (!(c >= 0 && c < nChannels)) {
      throw new DatasetError(
        'pc_feature_ind.npy',
        `entry ${i} refers to channel ${c}, outside 0..${nChannels - 1}`,
      );
    }
  }
  return { channelIndex, nChannelsLocal: indReader.shape[1] as number };
}

/** pc_features.npy as a ranged reader, checked against the spike count and its channels. */
export function openPcFeatures(
  reader: NpyReader | null,
  channels: Dataset['pcFeatureChannels'],
  idsReader: NpyReader | null,
  nSpikes: number,
  warnings: string[],
): PcFeaturesSource | null {
  if (!reader) return null;
  if (!channels) {
    warnings.push(
      'pc_features.npy is present but pc_feature_ind.npy is missing: features disabled',
    );
    return null;
  }
  if (reader.shape.length !== 3) {
    throw new DatasetError(
      'pc_features.npy',
      `shape (${reader.shape.join(', ')}) is not (n_spikes, n_pcs, n_channels)`,
    );
  }
  const [rows, nPcs, nLocal] = reader.shape as [number, number, number];
  const spikeIds = idsReader ? readIndexVector(idsReader) : null;
  const expectedRows = spikeIds ? spikeIds.length : nSpikes;
  if (rows !== expectedRows) {
    throw new DatasetError(
      'pc_features.npy',
      `has ${rows} rows, expected ${expectedRows} (one per spike)`,
    );
  }
  if (nLocal !== channels.nChannelsLocal) {
    throw new DatasetError(
      'pc_features.npy',
      `has ${nLocal} channels per spike, but pc_feature_ind.npy lists ${channels.nChannelsLocal}`,
    );
  }
  return { reader, nPcs, nChannelsLocal: nLocal, channelIndex: channels.channelIndex, spikeIds };
}
