/**
 * @file Per-cluster facts the views share (constituent templates with their spike counts, the
 * dominant template, best and peak channels), cached per cluster id for one open dataset and
 * model.
 *
 * A cached entry stays valid as long as the model still holds the very same spike array for that
 * id: the model never mutates a cluster's array (merge/split/undo swap whole arrays), so identity
 * is an exact and O(1) staleness test.
 */
import type { CurationModel } from '../../../shared/curation/index.js';
import type { ClusterId } from '../../../shared/domain/ids.js';
import { countClusters } from '../analysis/cluster-stats.js';
import { TemplateWaveforms } from '../analysis/template-waveforms.js';
import type { Dataset } from '../dataset/dataset.js';

/** Templates of a cluster's spikes (ascending) and how many spikes each contributes. */
export interface TemplateComposition {
  templates: Int32Array;
  counts: Uint32Array;
}

interface ClusterFacts {
  spikes: Uint32Array;
  composition?: TemplateComposition;
  dominant?: number;
  best?: number[];
}

export interface ViewContextOptions {
  /** Shared unwhitened-template cache (the session's), to avoid unwhitening twice. */
  waveforms?: TemplateWaveforms;
  /**
   * The dominant template of a live cluster when the caller already knows it (the session's
   * LiveClusters rows); saves a pass over the cluster's spikes. Undefined: computed here.
   */
  dominantTemplate?: (id: ClusterId) => number | undefined;
}

export class ViewContext {
  readonly waveforms: TemplateWaveforms;
  private readonly facts = new Map<ClusterId, ClusterFacts>();
  private scratch: Uint32Array | null = null;
  private readonly knownDominant: ((id: ClusterId) => number | undefined) | undefined;
  private allDominant: { revision: number; map: Map<ClusterId, number> } | null = null;

  constructor(
    readonly dataset: Dataset,
    readonly model: CurationModel,
    options: ViewContextOptions = {},
  ) {
    this.waveforms = options.waveforms ?? new TemplateWaveforms(dataset);
    this.knownDominant = options.dominantTemplate;
  }

  /** Constituent templates of a cluster (from the static spike_templates) with spike counts. */
  composition(id: ClusterId): TemplateComposition {
    const f = this.factsOf(id);
    f.composition ??= this.countTemplates(f.spikes);
    return f.composition;
  }

  /** The template with most spikes in the cluster (ties: lower index, numpy argmax). */
  dominantTemplate(id: ClusterId): number {
    const f = this.factsOf(id);
    if (f.dominant === undefined) {
      const known = this.knownDominant?.(id);
      f.dominant = known ?? dominantOf(this.composition(id));
    }
    return f.dominant;
  }

  /**
   * Phy's best channels of the cluster (those of its dominant template: peak first, then the 12
   * nearest on the shank by decreasing amplitude). Without templates.npy: the dominant
   * template's pc_feature_ind channels (Kilosort orders them by amplitude). Empty when neither.
   */
  bestChannels(id: ClusterId): number[] {
    const f = this.factsOf(id);
    if (f.best) return f.best;
    const t = this.dominantTemplate(id);
    let best = this.waveforms.bestChannels(t);
    if (!best) {
      const pc = this.dataset.pcFeatureChannels;
      const n = pc?.nChannelsLocal ?? 0;
      best =
        pc && (t + 1) * n <= pc.channelIndex.length
          ? Array.from(pc.channelIndex.subarray(t * n, (t + 1) * n)).filter((c) => c >= 0)
          : [];
    }
    f.best = best;
    return best;
  }

  /**
   * Dominant templates of every live cluster. One linear pass over all spikes (cached per model
   * revision) instead of per-cluster gathers, which at 20M spikes are memory-latency bound.
   */
  allDominantTemplates(): Map<ClusterId, number> {
    if (this.allDominant && this.allDominant.revision === this.model.revision)
      return this.allDominant.map;
    const ids = this.model.clusterIds;
    const known = ids.map((id) => this.knownDominant?.(id));
    let map: Map<ClusterId, number>;
    if (known.every((t) => t !== undefined)) {
      map = new Map(ids.map((id, k) => [id, known[k] as number]));
    } else {
      map = countClusters(
        this.model.spikeClusters,
        this.dataset.spikeTemplates,
        this.dataset.nTemplates,
      ).dominant;
    }
    for (const [id, t] of map) {
      const f = this.factsOf(id);
      f.dominant ??= t;
    }
    this.allDominant = { revision: this.model.revision, map };
    return map;
  }

  /** The cluster's peak channel (first best channel), or null when unknown. */
  peakChannel(id: ClusterId): number | null {
    return this.bestChannels(id)[0] ?? null;
  }

  private factsOf(id: ClusterId): ClusterFacts {
    const spikes = this.model.spikesOf(id);
    const cached = this.facts.get(id);
    if (cached && cached.spikes === spikes) return cached;
    const facts: ClusterFacts = { spikes };
    this.facts.set(id, facts);
    return facts;
  }

  private countTemplates(spikes: Uint32Array): TemplateComposition {
    const templatesOf = this.dataset.spikeTemplates;
    if (!this.scratch) {
      // Sized once from the data (a template index can exceed nTemplates in odd exports).
      let max = this.dataset.nTemplates - 1;
      for (let i = 0; i < templatesOf.length; i++)
        if ((templatesOf[i] as number) > max) max = templatesOf[i] as number;
      this.scratch = new Uint32Array(max + 1);
    }
    const counts = this.scratch;
    const touched: number[] = [];
    for (let i = 0; i < spikes.length; i++) {
      const t = templatesOf[spikes[i] as number] as number;
      if (counts[t]++ === 0) touched.push(t);
    }
    touched.sort((a, b) => a - b);
    const out = Uint32Array.from(touched, (t) => counts[t] as number);
    for (const t of touched) counts[t] = 0;
    return { templates: Int32Array.from(touched), counts: out };
  }
}

/** Template with the most spikes; ties to the lower index (numpy argmax over a bincount). */
function dominantOf(c: TemplateComposition): number {
  let best = c.templates[0] ?? 0;
  let most = -1;
  c.templates.forEach((t, k) => {
    if ((c.counts[k] as number) > most) {
      most = c.counts[k] as number;
      best = t;
    }
  });
  return best;
}

const contexts = new WeakMap<CurationModel, ViewContext>();

/**
 * The view context of a (dataset, model) pair, created on first use and kept as long as the model
 * lives; passing `waveforms` the first time shares the session's template cache.
 */
export function viewContext(
  dataset: Dataset,
  model: CurationModel,
  options: ViewContextOptions = {},
): ViewContext {
  const existing = contexts.get(model);
  if (existing && existing.dataset === dataset) return existing;
  const ctx = new ViewContext(dataset, model, options);
  contexts.set(model, ctx);
  return ctx;
}
