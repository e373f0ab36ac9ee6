/**
 * @file The payloads of the data views, as they cross the contract (core -> UI). The core's view
 * functions (electron/core/views/) produce exactly these; the renderer's views draw them. Units:
 * times in seconds unless a name ends in `Sample(s)`, positions in µm, channels are probe channel
 * indices (rows of channel_positions.npy). Pure types: no Node, no DOM.
 */
import type { ClusterId } from '../domain/ids.js';

// ---- waveforms -------------------------------------------------------------------------------

export type WaveformMode = 'templates' | 'mean' | 'raw' | 'density';

/** The template shown for a cluster. */
export interface ClusterTemplate {
  /** Spike-weighted mean of the constituent templates, (nSamples x nChannels) time-major. */
  mean: Float32Array;
  /** Constituent templates, ascending, and each one's share of the cluster's spikes. */
  constituents: Int32Array;
  weights: Float32Array;
}

export interface ClusterWaveforms {
  clusterId: ClusterId;
  /** All spikes of the cluster. */
  nSpikes: number;
  /** The cluster's own best channels (probe indices, peak first). */
  bestChannels: Int32Array;
  /** Spikes whose snippets were used (raw, mean, density), ascending. */
  spikes?: Uint32Array;
  /** 'templates' mode. */
  template?: ClusterTemplate;
  /** 'raw' mode: (nSnippets x nSamples x nChannels). */
  snippets?: Float32Array;
  /** 'raw', 'mean', 'density': mean of the snippets (nSamples x nChannels). */
  mean?: Float32Array;
  /** 'density': counts (nChannels x nSamples x nAmplitudeBins). */
  density?: Uint32Array;
}

export interface WaveformsPayload {
  mode: WaveformMode;
  /** Probe channels shown, in display order (first cluster's best channels first). */
  channels: Int32Array;
  /** (x, y) in µm of each shown channel. */
  positions: Float32Array;
  nSamples: number;
  /** Samples before the spike time in a snippet (templates: the trough sample nt0min). */
  before: number;
  sampleRate: number;
  clusters: ClusterWaveforms[];
  /** 'density': the amplitude bins shared by every cluster and channel. */
  amplitudeBins?: { min: number; max: number; nBins: number };
}

// ---- features --------------------------------------------------------------------------------

/** Phy's feature grid: cell [row][col] = [x dimension, y dimension]. */
export type FeatureGrid = readonly (readonly (readonly [string, string])[])[];

export interface FeatureSet {
  /** Spike indices, ascending. */
  spikes: Uint32Array;
  /** One column per dimension name ('time' in seconds, '0A', '1B', ...). */
  columns: Record<string, Float32Array>;
}

export interface FeaturesPayload {
  /** Probe channels of dimension prefixes 0 and 1. */
  channels: Int32Array;
  dims: readonly string[];
  grid: FeatureGrid;
  clusters: Array<FeatureSet & { clusterId: ClusterId }>;
  background: FeatureSet & { clusters: Int32Array };
}

// ---- amplitude / depth over time -------------------------------------------------------------

export type OverTimeAttribute = 'amplitude' | 'depth';

export interface OverTimePoints {
  spikes: Uint32Array;
  /** Spike times in seconds. */
  timeS: Float32Array;
  values: Float32Array;
}

export interface OverTimePayload {
  attribute: OverTimeAttribute;
  durationS: number;
  clusters: Array<OverTimePoints & { clusterId: ClusterId; histogram: Uint32Array }>;
  background: OverTimePoints & { clusters: Int32Array };
  /** nBins + 1 edges shared by every cluster's histogram. */
  histogramEdges: Float64Array;
}

// ---- correlograms, ISI, firing rate ----------------------------------------------------------

export interface CorrelogramPayload {
  nClusters: number;
  /** `int(sampleRate * binS)`, in samples (>= 1). */
  binSamples: number;
  /** Bins per correlogram (odd). */
  nBins: number;
  /** Index of the zero-lag bin (`nBins >> 1`). */
  halfBins: number;
  /** Pair counts, `counts[(i * n + j) * nBins + lag]`, zero lag at `halfBins`. */
  counts: Int32Array;
  clusterIds: ClusterId[];
  binS: number;
  windowS: number;
  /** Spikes of each cluster that entered the counts. */
  spikeCounts: Int32Array;
  /** All spikes of each cluster. */
  totalSpikes: Int32Array;
  /** Baseline in counts per bin for each pair, flat n x n. */
  baseline: Float64Array;
  /** x positions of the two refractory lines, in bins from the plot's left edge. */
  refractoryLines: [number, number];
}

/** A density histogram: nBins + 1 edges (s) and nBins values. */
export interface IsiHistogram {
  edgesS: Float64Array;
  values: Float64Array;
}

export interface ClusterIsi {
  clusterId: ClusterId;
  /** Phy's ISIView density (1/s). */
  phy: IsiHistogram;
  linear: { edgesS: Float64Array; counts: Uint32Array };
  log: { edgesS: Float64Array; counts: Uint32Array };
}

export interface ClusterFiringRate {
  clusterId: ClusterId;
  /** nBins + 1 edges in seconds over [0, duration]. */
  edgesS: Float64Array;
  counts: Uint32Array;
  rateHz: Float64Array;
  /** Phy's FiringRateView normalisation: counts / (sum(counts) * bin width). */
  density: Float64Array;
}

// ---- traces ----------------------------------------------------------------------------------

export interface TraceSpikes {
  spikes: Uint32Array;
  /** Spike times in seconds. */
  timeS: Float64Array;
  clusters: Int32Array;
  /** Peak channel of each spike's cluster (-1 unknown). */
  peakChannels: Int32Array;
}

export interface TracesPayload {
  /** First sample of the window and its time in seconds (clamped to the recording). */
  startSample: number;
  startS: number;
  nSamples: number;
  sampleRate: number;
  channels: Int32Array;
  /** Processed samples, time-major (nSamples x nChannels). */
  data: Float32Array;
  spikes: TraceSpikes;
}

/** A spike and its time. */
export interface SpikeAt {
  spike: number;
  timeS: number;
}

// ---- merge / split preview -------------------------------------------------------------------

export interface SpikeSetSummary {
  nSpikes: number;
  /** Spikes per second over the recording. */
  fr: number;
  /** Median of amplitudes.npy over the spikes (NaN without amplitudes). */
  amplitudeMedian: number;
  /** SpikeInterface isi_violation: rate ratio and count of consecutive ISIs < threshold. */
  isiViolationsRatio: number;
  isiViolationsCount: number;
  /** Kilosort4's ContamPct (unrounded) and KSLabel. */
  contamPct: number;
  ksLabel: 'good' | 'mua';
  /** Phy's ACG counts (phylib-exact), nBins long, zero lag at nBins >> 1. */
  acg: Int32Array;
}

/** Numeric differences `after - before` of two summaries. */
export interface SummaryDelta {
  nSpikes: number;
  fr: number;
  amplitudeMedian: number;
  isiViolationsRatio: number;
  isiViolationsCount: number;
  contamPct: number;
}

export interface PreviewParent {
  clusterId: ClusterId;
  summary: SpikeSetSummary;
}

export interface PreviewResult {
  /** 'selection' (the merged cluster, or a split's selected spikes) or 'rest' of one parent. */
  role: 'selection' | 'rest';
  parentIds: ClusterId[];
  summary: SpikeSetSummary;
  /** `result - parent` for each parent. */
  deltas: Array<{ parentId: ClusterId; delta: SummaryDelta }>;
}

export interface ActionPreview {
  /** What the model would do (a split selecting whole clusters only is a merge, as in Phy). */
  kind: 'merge' | 'split';
  parents: PreviewParent[];
  /** In the order the model would number the new clusters. */
  results: PreviewResult[];
}
