/**
 * @file Merge suggestions for the live clustering: candidate pairs from template similarity
 * (`mergeCandidates`), each scored with its cross-correlogram, amplitude and position summaries
 * (`scoreMergePair`), ranked (`rankMergeSuggestions`). Nothing is applied: the result is a list
 * for the user to act on.
 */
import type { Dataset } from '../../dataset/dataset.js';
import { checkpoint, throwIfCancelled, type JobProgress } from '../../jobs/job.js';
import { ClusterTimesCache } from '../cluster-times.js';
import { correlogramsAgainst } from '../correlograms-against.js';
import {
  mergeCandidates,
  rankMergeSuggestions,
  type ClusterSummary,
  type MergePairInput,
  type MergeParams,
  type MergeSuggestion,
} from '../merge-suggestions.js';
import { templateSetOf } from '../similarity.js';
import { MAD_TO_SD } from '../snr.js';
import { selectMedian } from './select-median.js';
import type { ClusteringView } from './cluster-context.js';

/** Correlogram used to score a pair (Phy's defaults: 1 ms bins, 50 ms window). */
export interface MergeCcgOptions {
  binS: number;
  windowS: number;
}

export interface MergeStageOptions {
  params?: Partial<MergeParams>;
  ccg?: Partial<MergeCcgOptions>;
  signal?: AbortSignal;
  progress?: (p: JobProgress) => void;
}

export interface MergeStageResult {
  suggestions: MergeSuggestion[];
  vetoed: MergeSuggestion[];
  /** Number of candidate pairs scored. */
  candidates: number;
  /** Set when suggestions cannot be computed (no similar_templates.npy). */
  unavailable?: string;
}

/** `values[spike * stride + offset]` of each of `spikes` (all indices when null), as float64. */
function gatherColumn(
  values: ArrayLike<number>,
  spikes: Uint32Array | null,
  n: number,
  stride = 1,
  offset = 0,
): Float64Array {
  const v = new Float64Array(n);
  if (spikes) {
    for (let k = 0; k < n; k++) v[k] = values[(spikes[k] as number) * stride + offset] as number;
  } else {
    for (let k = 0; k < n; k++) v[k] = values[k * stride + offset] as number;
  }
  return v;
}

/**
 * Median and MAD-based spread (MAD / 0.6745) of `v`; NaN when empty. Medians by selection (the
 * values a sort would give, in linear time: a cluster holds up to millions of spikes and the
 * similarity table scores dozens of clusters per selection). `v` is overwritten.
 */
function robustSummary(v: Float64Array): { median: number; spread: number } {
  const med = selectMedian(v);
  // selectMedian reordered v; the deviations are a multiset, so the order does not matter.
  for (let k = 0; k < v.length; k++) v[k] = Math.abs((v[k] as number) - med);
  return { median: med, spread: selectMedian(v) / MAD_TO_SD };
}

/**
 * The summary of a cluster from its values gathered in any one spike order (each array is
 * overwritten): amplitudes (median and spread) and position x, y (medians); fields absent for a
 * null column.
 */
export function summaryOfColumns(
  amplitudes: Float64Array | null,
  x: Float64Array | null,
  y: Float64Array | null,
): ClusterSummary {
  const out: ClusterSummary = {};
  if (amplitudes) {
    const a = robustSummary(amplitudes);
    out.amplitudeMedian = a.median;
    out.amplitudeSpread = a.spread;
  }
  if (x && y) {
    out.positionX = selectMedian(x);
    out.positionY = selectMedian(y);
  }
  return out;
}

/** Amplitude and position summaries of one cluster (fields absent when the input is missing). */
export function clusterSummary(dataset: Dataset, spikes: Uint32Array): ClusterSummary {
  const amps = dataset.amplitudes();
  const pos = dataset.spikePositions();
  const n = spikes.length;
  return summaryOfColumns(
    amps ? gatherColumn(amps, spikes, n) : null,
    pos ? gatherColumn(pos, spikes, n, 2, 0) : null,
    pos ? gatherColumn(pos, spikes, n, 2, 1) : null,
  );
}

/**
 * The summary of values already gathered for one cluster: amplitudes (one per spike) and
 * positions (x, y per spike), as `clusterSummary` computes it from the dataset.
 */
export function summaryOfGathered(
  amplitudes: Float32Array | null,
  positions: Float32Array | null,
): ClusterSummary {
  const n = positions ? positions.length / 2 : 0;
  return summaryOfColumns(
    amplitudes ? gatherColumn(amplitudes, null, amplitudes.length) : null,
    positions ? gatherColumn(positions, null, n, 2, 0) : null,
    positions ? gatherColumn(positions, null, n, 2, 1) : null,
  );
}

/** Ranked merge suggestions of the live clusters. */
export async function computeMergeSuggestions(
  dataset: Dataset,
  clustering: ClusteringView,
  opts: MergeStageOptions = {},
): Promise<MergeStageResult> {
  throwIfCancelled(opts.signal);
  const sim = dataset.similarTemplates;
  if (!sim) {
    return {
      suggestions: [],
      vetoed: [],
      candidates: 0,
      unavailable:
        'similar_templates.npy is missing: no template similarity to propose merges from',
    };
  }
  const ccgOpts: MergeCcgOptions = { binS: 0.001, windowS: 0.05, ...opts.ccg };
  const templateSets = new Map<number, Int32Array>();
  for (const id of [...clustering.clusterIds].sort((a, b) => a - b)) {
    const spikes = clustering.spikesOf(id);
    if (spikes.length > 0) templateSets.set(id, templateSetOf(spikes, dataset.spikeTemplates));
  }
  const candidates = mergeCandidates(templateSets, sim, dataset.nTemplates, opts.params);
  const summaries = new Map<number, ClusterSummary>();
  const summaryOf = (id: number): ClusterSummary => {
    let s = summaries.get(id);
    if (!s) summaries.set(id, (s = clusterSummary(dataset, clustering.spikesOf(id))));
    return s;
  };
  const pairs: MergePairInput[] = [];
  // A cluster is in several candidate pairs: its spike times are gathered once (LRU-capped).
  const trains = new ClusterTimesCache(dataset.spikeTimes, dataset.sampleRate);
  const trainOf = (id: number) => trains.trainOf(id, clustering.spikesOf(id));
  for (const [i, { a, b, similarity }] of candidates.entries()) {
    // Only the pair's cross-correlogram is scored (not the two autocorrelograms).
    const c = correlogramsAgainst(trainOf(a), [trainOf(b)], {
      sampleRate: dataset.sampleRate,
      ...ccgOpts,
    });
    pairs.push({
      a,
      b,
      similarity,
      ccg: { counts: c.cross[0] as Int32Array, binSizeS: ccgOpts.binS },
      summaryA: summaryOf(a),
      summaryB: summaryOf(b),
    });
    opts.progress?.({ done: i + 1, total: candidates.length, phase: 'merge candidates' });
    await checkpoint(opts.signal);
  }
  const ranked = rankMergeSuggestions(pairs, opts.params);
  return { ...ranked, candidates: candidates.length };
}
