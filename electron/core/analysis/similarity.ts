/**
 * @file Cluster-to-cluster template similarity that stays valid after merges and splits, as Phy's
 * TemplateController computes it (phy-semantics §3.6).
 *
 * T(A) = the templates with at least one spike in cluster A (live spike_clusters x static
 * spike_templates); score(A, B) = max over T(A) x T(B) of similar_templates. Two deliberate
 * differences from Phy: the reference cluster is left out of its own list, and T(B) is always used,
 * where Phy reads similar_templates[ref, B] directly when B < n_templates (a shortcut that is only
 * right while B is an untouched original cluster; for KS4, where spike_templates equals the
 * original spike_clusters, the results are identical).
 */

import type { ClusterId, TemplateIndex } from '../../../shared/domain/ids.js';

/** A cluster and its similarity to the reference (similar_templates units, ~0..1 for KS4). */
export interface SimilarCluster {
  clusterId: ClusterId;
  similarity: number;
}

/** T(c) for every cluster: its distinct templates, ascending. One pass over the spikes. */
export function templateSetsByCluster(
  spikeClusters: ArrayLike<number>,
  spikeTemplates: ArrayLike<number>,
): Map<ClusterId, Int32Array> {
  const sets = new Map<ClusterId, Set<number>>();
  for (let i = 0; i < spikeClusters.length; i++) {
    const c = spikeClusters[i] as number;
    let s = sets.get(c);
    if (!s) sets.set(c, (s = new Set()));
    s.add(spikeTemplates[i] as number);
  }
  const out = new Map<ClusterId, Int32Array>();
  for (const c of [...sets.keys()].sort((a, b) => a - b)) {
    out.set(c, Int32Array.from(sets.get(c) as Set<number>).sort());
  }
  return out;
}

/** T of a set of spikes (e.g. the clusters touched by an action): distinct templates, ascending. */
export function templateSetOf(
  spikes: ArrayLike<number>,
  spikeTemplates: ArrayLike<number>,
): Int32Array {
  const s = new Set<number>();
  for (let i = 0; i < spikes.length; i++) s.add(spikeTemplates[spikes[i] as number] as number);
  return Int32Array.from(s).sort();
}

/** max over T(A) x T(B) of sim[ta][tb]; sim is n_templates x n_templates row-major. */
export function clusterPairSimilarity(
  sim: ArrayLike<number>,
  nTemplates: number,
  ta: ArrayLike<TemplateIndex>,
  tb: ArrayLike<TemplateIndex>,
): number {
  let best = -Infinity;
  for (let i = 0; i < ta.length; i++) {
    const row = (ta[i] as number) * nTemplates;
    for (let j = 0; j < tb.length; j++) {
      const v = sim[row + (tb[j] as number)] as number;
      if (v > best) best = v;
    }
  }
  return best;
}

/**
 * Clusters ranked by similarity to `ref`, highest first, ties by ascending id (Phy's stable sort
 * over ascending ids), the reference excluded, at most `limit` (Phy: 100). Cost: one pass over
 * |T(ref)| rows of the matrix plus one lookup per (cluster, template).
 */
export function similarClusters(
  ref: ClusterId,
  templateSets: ReadonlyMap<ClusterId, ArrayLike<TemplateIndex>>,
  sim: ArrayLike<number>,
  nTemplates: number,
  limit = 100,
): SimilarCluster[] {
  const tRef = templateSets.get(ref);
  if (!tRef || tRef.length === 0) return [];
  // Best similarity of any template of ref to each template (Phy's `sims` vector).
  const best = new Float64Array(nTemplates).fill(-Infinity);
  for (let i = 0; i < tRef.length; i++) {
    const row = (tRef[i] as number) * nTemplates;
    for (let t = 0; t < nTemplates; t++) {
      const v = sim[row + t] as number;
      if (v > (best[t] as number)) best[t] = v;
    }
  }
  const out: SimilarCluster[] = [];
  for (const [clusterId, ts] of templateSets) {
    if (clusterId === ref || ts.length === 0) continue;
    let s = -Infinity;
    for (let j = 0; j < ts.length; j++) s = Math.max(s, best[ts[j] as number] as number);
    out.push({ clusterId, similarity: s });
  }
  out.sort((a, b) => b.similarity - a.similarity || a.clusterId - b.clusterId);
  return out.slice(0, limit);
}
