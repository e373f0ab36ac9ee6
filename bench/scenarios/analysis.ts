/**
 * @file Scenario "analysis": correlograms of one cluster against its 20 most similar (phylib
 * algorithm, 1 ms bins, 50 ms window: the cluster's autocorrelogram and its 20 cross-correlograms,
 * as a merge decision reads them) with the per-dataset train cache warm, as the app has it after
 * the first view of those clusters; for reference the whole 21 x 21 grid of the same clusters
 * (what the correlogram view draws when all 21 are selected); and all quality metrics of all
 * clusters on the CPU.
 * Set KILOCURATE_BENCH_METRICS=0 to skip the metrics (minutes at the large scale).
 */
import { performance } from 'node:perf_hooks';
import { CurationModel } from '../../shared/curation/index.js';
import { correlogramsOfTrains } from '../../electron/core/analysis/correlograms.js';
import { correlogramsAgainst } from '../../electron/core/analysis/correlograms-against.js';
import { ClusterTimesCache } from '../../electron/core/analysis/cluster-times.js';
import { computeAllMetrics } from '../../electron/core/analysis/metrics/compute-all.js';
import { similarClusters, templateSetsByCluster } from '../../electron/core/analysis/similarity.js';
import { openDataset } from '../../electron/core/dataset/load-dataset.js';
import { summarize, timeRuns, type Figure } from '../measure.js';

export async function analysisScenario(dir: string, scale: string): Promise<Figure[]> {
  const large = scale === 'large';
  const dataset = openDataset(dir);
  const model = new CurationModel(Int32Array.from(dataset.spikeClusters));
  const figures: Figure[] = [];
  try {
    // A cluster of median size and its 20 most similar, as the correlogram view shows them.
    const ids = [...model.clusterIds].sort((a, b) => model.spikeCount(a) - model.spikeCount(b));
    const ref = ids[Math.floor(ids.length / 2)] as number;
    const sets = templateSetsByCluster(model.spikeClusters, dataset.spikeTemplates);
    const similar = dataset.similarTemplates
      ? similarClusters(ref, sets, dataset.similarTemplates, dataset.nTemplates, 20).map(
          (s) => s.clusterId,
        )
      : ids.slice(0, 20);
    const selection = [ref, ...similar];
    const lists = selection.map((id) => model.spikesOf(id));
    const nSpikes = lists.reduce((a, l) => a + l.length, 0);
    const opts = { sampleRate: dataset.sampleRate, binS: 0.001, windowS: 0.05 };
    // Whole clusters (no budget), so the figure stays comparable across versions.
    const cache = new ClusterTimesCache(dataset.spikeTimes, dataset.sampleRate);
    const trainsOf = () => selection.map((id) => cache.trainOf(id, model.spikesOf(id)));
    const againstAll = () => {
      const [ref, ...others] = trainsOf();
      return correlogramsAgainst(ref as (typeof others)[number], others, opts);
    };
    const t0 = performance.now();
    againstAll();
    const coldMs = performance.now() - t0;
    const times = await timeRuns(7, againstAll);
    figures.push(
      summarize(`ccg-1-vs-20/${scale}`, times, {
        budgetMs: large ? 30 : undefined,
        note: `auto + 20 cross, ${nSpikes} spikes, cold ${coldMs.toFixed(0)} ms`,
      }),
    );
    const gridTimes = await timeRuns(7, () => correlogramsOfTrains(trainsOf(), opts));
    figures.push(
      summarize(`ccg-grid-21x21/${scale}`, gridTimes, {
        note: `all ${selection.length * selection.length} pairs, ${nSpikes} spikes`,
      }),
    );
    if (process.env.KILOCURATE_BENCH_METRICS !== '0') {
      const t0 = performance.now();
      const table = await computeAllMetrics(dataset, model, { backend: 'cpu', cache: null });
      figures.push(
        summarize(`all-metrics-cpu/${scale}`, [performance.now() - t0], {
          budgetMs: large ? 30_000 : undefined,
          note: `${table.rows.length} clusters`,
        }),
      );
    }
  } finally {
    dataset.close();
  }
  return figures;
}
