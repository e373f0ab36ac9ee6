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
import { medianOfSorted } from '../time-series.js';
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

/** Median and MAD-based spread (MAD / 0.6745) of `values` at `spikes`; NaN when empty. */
function robustSummary(values: ArrayLike<number>, spikes: Uint32Array, stride = 1, offset = 0) {
  const v = new Float64Array(spikes.length);
  for (let k = 0; k < spikes.length; k++)
    v[k] = values[(spikes[k] as number) * stride + offset] as number;
  v.sort();
  const med = medianOfSorted(v);
  const dev = v.map((x) => Math.abs(x - med)).sort();
  return { median: med, spread: medianOfSorted(dev) / MAD_TO_SD };
}

/** Amplitude and position summaries of one cluster (fields absent when the input is missing). */
export function clusterSummary(dataset: Dataset, spikes: Uint32Array): ClusterSummary {
  const out: ClusterSummary = {};
  const amps = dataset.amplitudes();
  if (amps) {
    const a = robustSummary(amps, spikes);
    out.amplitudeMedian = a.median;
    out.amplitudeSpread = a.spread;
  }
  const pos = dataset.spikePositions();
  if (pos) {
    out.positionX = robustSummary(pos, spikes, 2, 0).median;
    out.positionY = robustSummary(pos, spikes, 2, 1).median;
  }
  return out;
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
