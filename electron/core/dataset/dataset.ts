/**
 * @file The in-memory description of an opened Phy-format folder. Per-spike vectors needed for
 * the cluster table are loaded; big arrays (templates, pc_features, raw data) stay on disk behind
 * ranged readers; optional per-spike vectors load on first use.
 */
import type { LabelValue } from '../../../shared/domain/labels.js';
import type { NpyReader } from './npy-reader.js';
import type { Probe } from './probe.js';
import type { RawData } from './raw-data.js';

export type SorterName = 'kilosort4' | 'kilosort2-3' | 'kilosort1' | 'spikeinterface' | 'unknown';

export interface SorterGuess {
  name: SorterName;
  /** Which files gave it away, for the `info` output. */
  basis: string;
}

export interface TemplatesSource {
  reader: NpyReader;
  nTemplates: number;
  nSamples: number;
  /** Channels per template row (all channels when dense). */
  nChannelsLocal: number;
  /** template_ind.npy (singular, Phy's sparse layout): channel of each local column, -1 = none. */
  channelIndex: Int32Array | null;
}

export interface PcFeaturesSource {
  reader: NpyReader;
  /** Stored as (n_spikes, n_pcs, n_channels_local), as Kilosort writes it. */
  nPcs: number;
  nChannelsLocal: number;
  /** pc_feature_ind.npy: the channels of each template's feature columns (n_templates × local). */
  channelIndex: Int32Array;
  /** pc_feature_spike_ids.npy: when features exist for a subset of spikes only. */
  spikeIds: Int32Array | null;
}

export interface LabelTable {
  /** Field names in load order (e.g. group, KSLabel, ContamPct, Amplitude). */
  fields: string[];
  /** field -> cluster id -> value. */
  values: Map<string, Map<number, LabelValue>>;
  /** field -> file it came from (cluster_group.tsv holding KSLabel maps KSLabel to it). */
  sources: Map<string, string>;
}

export type RawStatus =
  | { status: 'available'; data: RawData; paths: string[] }
  | { status: 'missing'; paths: string[]; reason: string }
  | { status: 'none'; reason: string };

export interface Dataset {
  dir: string;
  sorter: SorterGuess;
  sampleRate: number;
  nSpikes: number;
  /** Spike times in samples (sorted). */
  spikeTimes: Float64Array;
  /** Sorter template of each spike (in Kilosort4: the sorter's cluster). */
  spikeTemplates: Int32Array;
  /** Cluster of each spike as found at open (a copy of spikeTemplates when spike_clusters.npy is absent). */
  spikeClusters: Int32Array;
  spikeClustersSource: 'spike_clusters.npy' | 'spike_templates.npy';
  /** Number of templates: rows of templates.npy / similar_templates.npy, else max template + 1. */
  nTemplates: number;
  probe: Probe;
  nChannelsDat: number | undefined;
  templates: TemplatesSource | null;
  /** whitening_mat_inv.npy (n_channels × n_channels, C order), or null (identity). */
  whiteningMatInv: Float64Array | null;
  /** template_scaling from params.py (Phy multiplies unwhitened templates by it). */
  templateScaling: number;
  /** similar_templates.npy (n_templates × n_templates), or null. */
  similarTemplates: Float32Array | null;
  pcFeatures: PcFeaturesSource | null;
  /** pc_feature_ind.npy alone (present in exports without pc_features.npy): the best channels of
   * each template, Kilosort orders them by amplitude. */
  pcFeatureChannels: { channelIndex: Int32Array; nChannelsLocal: number } | null;
  /** amplitudes.npy, loaded on first use. */
  amplitudes(): Float32Array | null;
  /** spike_positions.npy (n_spikes × 2, µm), loaded on first use. */
  spikePositions(): Float32Array | null;
  labels: LabelTable;
  /** True when cluster_group.tsv holds curation (header `group`), not Kilosort's KSLabel copy. */
  hasCuratedGroups: boolean;
  raw: RawStatus;
  /** Recording duration in seconds: raw length when available, else the last spike time (Phy). */
  durationS: number;
  files: { present: string[]; missing: string[] };
  warnings: string[];
  /** Kilosort4 writes nt0min = 20 for 61-sample templates (trough position). */
  nt0min: number | undefined;
  close(): void;
}
