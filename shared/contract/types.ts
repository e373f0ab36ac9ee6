/**
 * @file Payload types that cross the core/UI boundary. Bulk numbers travel as typed arrays
 * (ArrayBuffers over IPC and binary WebSocket frames), never as JSON number lists.
 */
import type { ClusterChange, Selection } from '../curation/index.js';
import type { Group } from '../domain/labels.js';

export interface DatasetSummary {
  dir: string;
  name: string;
  sorter: string;
  nSpikes: number;
  nClusters: number;
  nChannels: number;
  sampleRate: number;
  durationS: number;
  rawData: 'available' | 'missing' | 'none';
  /** What the dataset can show (each missing file disables only the views that need it). */
  capabilities: {
    templates: boolean;
    pcFeatures: boolean;
    spikePositions: boolean;
    amplitudes: boolean;
    rawData: boolean;
    similarity: boolean;
  };
  warnings: string[];
}

export interface SessionStatus {
  dataset: DatasetSummary | null;
  revision: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  selection: Selection;
  lastSave: { time: string; revision: number } | null;
  autosave: { enabled: boolean; delayMs: number };
  /** False for a second browser client in serve mode: it may look but not change anything. */
  canWrite: boolean;
  counts: Record<Group | 'unlabelled', number>;
}

/** The cluster table, column-wise. Missing values are NaN (numbers) or null (labels). */
export interface ClusterTable {
  revision: number;
  ids: Int32Array;
  nSpikes: Int32Array;
  fr: Float32Array;
  amp: Float32Array;
  /** Raw-file channel of the best channel, -1 when unknown. */
  ch: Int32Array;
  sh: Float32Array;
  depth: Float32Array;
  /** Best channel index (row of the probe), -1 when unknown. */
  bestChannel: Int32Array;
  /** Label fields (group, KSLabel, ContamPct, ...), one entry per row. */
  labels: Record<string, Array<string | number | null>>;
  /** Quality metrics by name, when computed. */
  metrics: Record<string, Float32Array>;
}

export interface SimilarCluster {
  clusterId: number;
  similarity: number;
}

export interface ProbeGeometry {
  /** x, y per channel, µm, interleaved. */
  positions: Float32Array;
  channelMap: Int32Array;
  shanks: Float32Array;
}

export type ThirdAxis = 'time' | 'amplitude' | 'pc1';

/** Spike positions for the 3D view: all spikes, or a level-of-detail sample of them. */
export interface SpikeCloud {
  revision: number;
  /** Spike indices included (all spikes when `sampled` is false). */
  spikes: Uint32Array | null;
  sampled: boolean;
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  /** Cluster of each included spike at `revision`. */
  clusters: Int32Array;
  zRange: [number, number];
}

export interface CurationChanged {
  change: ClusterChange;
  status: SessionStatus;
}

export interface HistoryEntry {
  seq: number;
  epoch: number;
  time: string;
  description: string;
  reason: string | null;
}

export interface SaveResult {
  files: string[];
  revision: number;
  durationMs: number;
}

/**
 * A native menu choice (desktop), e.g. `{ command: 'curation.undo' }`, or
 * `{ command: 'dataset.openRecent', dir }` for an Open Recent item.
 */
export interface MenuCommand {
  command: string;
  dir?: string;
}
