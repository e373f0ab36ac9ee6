/**
 * @file Ranked merge suggestions: candidate pairs from template similarity, then a score that
 * combines template similarity, a refractory dip in the cross-correlogram, and amplitude and
 * position continuity. The score is documented in docs/metrics.md; in short:
 *
 *   score = Σ w_i s_i / Σ w_i over the components that are available (not NaN), where
 *   s_template = clamp(similarity, 0, 1)
 *   s_ccg      = max(0, 1 − obs/E) · (1 − PoissonCDF(obs; E))   (0 when E = 0: no evidence)
 *   s_amp      = exp(−½ (Δ median amplitude / sqrt(spreadA² + spreadB²))²)
 *   s_pos      = exp(−½ (distance / positionScaleUm)²)
 * obs = CCG count in the refractory bins, E = their expected count from the CCG's own shoulders.
 * Pairs are vetoed when farther than maxDistanceUm (SI auto-merge gate) or when the CCG shows clear
 * refractory violations (E >= minExpected and obs/E >= maxRefractoryRatio).
 */

import type { ClusterId, TemplateIndex } from '../../../shared/domain/ids.js';
import { poissonCdf } from './incomplete-gamma.js';
import { similarClusters } from './similarity.js';

/** A cross-correlogram A→B as counts per bin; odd length, zero lag at the centre (phylib layout). */
export interface CcgCounts {
  counts: ArrayLike<number>;
  /** Bin width in seconds. */
  binSizeS: number;
}

/** Per-cluster summaries; any field may be NaN/absent (the component is then skipped). */
export interface ClusterSummary {
  /** Median spike amplitude and a robust spread (e.g. MAD/0.6745), same arbitrary units. */
  amplitudeMedian?: number;
  amplitudeSpread?: number;
  /** Median spike position, µm. */
  positionX?: number;
  positionY?: number;
}

export interface MergeParams {
  /** Candidate filter on template similarity. Default 0.5. */
  minSimilarity: number;
  /** Candidates: the top-k most similar clusters of each cluster. Default 5. */
  topK: number;
  /** Refractory half-window, seconds. Default 0.001. */
  refractoryS: number;
  /** CCG bins with |lag| >= this (seconds) form the baseline shoulders. Default 0.01. */
  shoulderStartS: number;
  /** Veto pairs farther apart than this (µm). Default 150 (SI `max_distance_um`). */
  maxDistanceUm: number;
  /** Distance at which s_pos = exp(−½) (µm). Default 20. */
  positionScaleUm: number;
  /** Veto when E >= minExpected and obs/E >= maxRefractoryRatio. Defaults 5 and 0.5. */
  minExpected: number;
  maxRefractoryRatio: number;
  weights: { template: number; ccg: number; amplitude: number; position: number };
}

export const MERGE_DEFAULTS: MergeParams = {
  minSimilarity: 0.5,
  topK: 5,
  refractoryS: 0.001,
  shoulderStartS: 0.01,
  maxDistanceUm: 150,
  positionScaleUm: 20,
  minExpected: 5,
  maxRefractoryRatio: 0.5,
  weights: { template: 0.4, ccg: 0.3, amplitude: 0.15, position: 0.15 },
};

/** Unordered candidate pairs (a < b): b in a's top-k similar with similarity >= min, or vice versa. */
export function mergeCandidates(
  templateSets: ReadonlyMap<ClusterId, ArrayLike<TemplateIndex>>,
  sim: ArrayLike<number>,
  nTemplates: number,
  params: Partial<MergeParams> = {},
): Array<{ a: ClusterId; b: ClusterId; similarity: number }> {
  const { minSimilarity, topK } = { ...MERGE_DEFAULTS, ...params };
  const pairs = new Map<string, { a: ClusterId; b: ClusterId; similarity: number }>();
  for (const ref of templateSets.keys()) {
    for (const s of similarClusters(ref, templateSets, sim, nTemplates, topK)) {
      if (!(s.similarity >= minSimilarity)) continue;
      const a = Math.min(ref, s.clusterId);
      const b = Math.max(ref, s.clusterId);
      const key = `${a}:${b}`;
      // Phy's matrix need not be symmetric: keep the larger of the two directions.
      const prev = pairs.get(key);
      if (!prev || s.similarity > prev.similarity)
        pairs.set(key, { a, b, similarity: s.similarity });
    }
  }
  return [...pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}

/** Refractory evidence in a CCG: observed and expected counts in the refractory bins. */
export interface RefractoryDip {
  observed: number;
  expected: number;
  /** Bins per side used (the centre bin counts once). */
  refractoryBins: number;
}

/** Counts |lag| < refractoryS bins vs the mean shoulder bin; null if there are no shoulder bins. */
export function refractoryDip(
  ccg: CcgCounts,
  refractoryS: number,
  shoulderStartS: number,
): RefractoryDip | null {
  const len = ccg.counts.length;
  const centre = Math.floor(len / 2);
  // Bin k >= 0 covers lags [k·b, (k+1)·b) (phylib), so it is inside the window when (k+1)·b <= r.
  const kRef = Math.max(1, Math.floor(refractoryS / ccg.binSizeS + 1e-9));
  const kShoulder = Math.max(kRef, Math.ceil(shoulderStartS / ccg.binSizeS - 1e-9));
  let observed = 0;
  let nRef = 0;
  let shoulder = 0;
  let nShoulder = 0;
  for (let i = 0; i < len; i++) {
    const k = Math.abs(i - centre);
    const v = ccg.counts[i] as number;
    if (k < kRef) {
      observed += v;
      nRef++;
    } else if (k >= kShoulder) {
      shoulder += v;
      nShoulder++;
    }
  }
  if (nShoulder === 0) return null;
  return { observed, expected: (nRef * shoulder) / nShoulder, refractoryBins: kRef };
}

export interface MergePairInput {
  a: ClusterId;
  b: ClusterId;
  similarity: number;
  ccg?: CcgCounts;
  summaryA?: ClusterSummary;
  summaryB?: ClusterSummary;
}

export interface MergeSuggestion {
  a: ClusterId;
  b: ClusterId;
  /** Weighted mean of the available components, 0..1. */
  score: number;
  components: { template: number; ccg: number; amplitude: number; position: number };
  dip: RefractoryDip | null;
  /** Distance between median positions, µm (NaN if unknown). */
  distanceUm: number;
  /** Why the pair must not be merged; absent when it may. */
  veto?: string;
}

/** Scores one pair (see the file header for the formula). */
export function scoreMergePair(
  input: MergePairInput,
  params: Partial<MergeParams> = {},
): MergeSuggestion {
  const p = { ...MERGE_DEFAULTS, ...params };
  const sa = input.summaryA ?? {};
  const sb = input.summaryB ?? {};
  const template = Math.min(1, Math.max(0, input.similarity));
  const dip = input.ccg ? refractoryDip(input.ccg, p.refractoryS, p.shoulderStartS) : null;
  let ccg = NaN;
  if (dip) {
    ccg =
      dip.expected > 0
        ? Math.max(0, 1 - dip.observed / dip.expected) *
          (1 - poissonCdf(dip.observed, dip.expected))
        : 0;
  }
  const spread = Math.hypot(sa.amplitudeSpread ?? NaN, sb.amplitudeSpread ?? NaN);
  const dAmp = (sa.amplitudeMedian ?? NaN) - (sb.amplitudeMedian ?? NaN);
  const amplitude = spread > 0 ? Math.exp(-0.5 * (dAmp / spread) ** 2) : NaN;
  const distanceUm = Math.hypot(
    (sa.positionX ?? NaN) - (sb.positionX ?? NaN),
    (sa.positionY ?? NaN) - (sb.positionY ?? NaN),
  );
  const position = Math.exp(-0.5 * (distanceUm / p.positionScaleUm) ** 2);
  const components = { template, ccg, amplitude, position };
  let num = 0;
  let den = 0;
  for (const key of ['template', 'ccg', 'amplitude', 'position'] as const) {
    if (Number.isNaN(components[key])) continue;
    num += p.weights[key] * components[key];
    den += p.weights[key];
  }
  const out: MergeSuggestion = {
    a: input.a,
    b: input.b,
    score: den > 0 ? num / den : NaN,
    components,
    dip,
    distanceUm,
  };
  if (distanceUm > p.maxDistanceUm)
    out.veto = `${distanceUm.toFixed(1)} µm apart (> ${p.maxDistanceUm})`;
  else if (
    dip &&
    dip.expected >= p.minExpected &&
    dip.observed / dip.expected >= p.maxRefractoryRatio
  ) {
    out.veto = `refractory CCG count ${dip.observed} vs ${dip.expected.toFixed(1)} expected`;
  }
  return out;
}

/** Scores all pairs; returns the allowed ones by descending score (ties: ascending a, b) and the vetoed. */
export function rankMergeSuggestions(
  pairs: MergePairInput[],
  params: Partial<MergeParams> = {},
): { suggestions: MergeSuggestion[]; vetoed: MergeSuggestion[] } {
  const scored = pairs.map((pair) => scoreMergePair(pair, params));
  const suggestions = scored
    .filter((s) => s.veto === undefined && !Number.isNaN(s.score))
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  return { suggestions, vetoed: scored.filter((s) => s.veto !== undefined) };
}
