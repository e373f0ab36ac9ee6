/**
 * @file Scenario "open + cluster table": what `kilocurate info` and `clusters` cost. The first
 * run warms the page cache and is not counted (budget is for a warm cache).
 */
import { computeClusterRows } from '../../electron/core/analysis/cluster-stats.js';
import { openDataset } from '../../electron/core/dataset/load-dataset.js';
import { summarize, timeRuns, type Figure } from '../measure.js';

export async function openScenario(dir: string, scale: string): Promise<Figure[]> {
  const once = () => {
    const ds = openDataset(dir);
    const rows = computeClusterRows(ds);
    ds.close();
    return rows.length;
  };
  once();
  const times = await timeRuns(5, once);
  return [
    summarize(`open+cluster-table/${scale}`, times, {
      budgetMs: scale === 'large' ? 1500 : undefined,
      budgetRssMiB: scale === 'large' ? 1024 : undefined,
    }),
  ];
}
