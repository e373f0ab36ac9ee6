/**
 * @file Scenario "curation": label, merge and split of clusters of about 100 thousand spikes
 * (journal commit included), save, and reopen with a 10,000-action journal. Works in a scratch
 * folder that links to the cached dataset's big files and copies the curation files, so the
 * cache is never modified.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CurationService } from '../../electron/core/curation/curation-service.js';
import { summarize, type Figure } from '../measure.js';

export function scratchCopy(dir: string): string {
  const work = mkdtempSync(join(tmpdir(), 'kc-bench-curation-'));
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const curated = name === 'spike_clusters.npy' || name.endsWith('.tsv') || name === 'params.py';
    if (curated) copyFileSync(join(dir, name), join(work, name));
    else symlinkSync(join(dir, name), join(work, name));
  }
  return work;
}

const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

export async function curationScenario(dir: string, scale: string): Promise<Figure[]> {
  const work = scratchCopy(dir);
  const large = scale === 'large';
  try {
    const service = CurationService.open(work);
    service.setAutosave(false);
    const model = service.state;
    // The pair of clusters whose merge is closest to 100 thousand spikes (the size),
    // or the two largest where no pair gets there.
    const bySize = [...model.clusterIds].sort((a, b) => model.spikeCount(b) - model.spikeCount(a));
    let [a, b] = bySize as [number, number];
    let bestGap = Infinity;
    for (let i = 0; i < Math.min(bySize.length, 200); i++) {
      for (let j = i + 1; j < Math.min(bySize.length, 200); j++) {
        const x = bySize[i] as number;
        const y = bySize[j] as number;
        const gap = Math.abs(model.spikeCount(x) + model.spikeCount(y) - 100_000);
        if (gap < bestGap) [bestGap, a, b] = [gap, x, y];
      }
    }
    const note = `${model.spikeCount(a) + model.spikeCount(b)} spikes`;

    const labelTimes: number[] = [];
    for (let i = 0; i < 7; i++)
      labelTimes.push(time(() => service.label([a], i % 2 ? 'good' : 'mua')));
    const mergeTimes: number[] = [];
    const splitTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      let merged = -1;
      mergeTimes.push(time(() => (merged = service.merge([a, b]).added[0] as number)));
      const spikes = service.state.spikesOf(merged);
      const half = spikes.filter((_, k) => k % 2 === 0);
      splitTimes.push(time(() => service.split(half)));
      service.undo();
      service.undo();
    }
    const saveTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      service.label([a], i % 2 ? 'good' : 'noise');
      saveTimes.push(time(() => service.save()));
    }
    // Grow the journal to 10,000 actions (labels and merge/undo pairs), then time a reopen.
    const target = 10_000;
    let n = service.history().length;
    while (n < target) {
      if (n % 10 === 0 && n + 2 <= target) {
        service.merge([a, b]);
        service.undo();
        n += 2;
      } else {
        service.label([bySize[n % bySize.length] as number], n % 3 === 0 ? 'good' : 'mua');
        n += 1;
      }
    }
    service.close();
    const reopenTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      reopenTimes.push(time(() => CurationService.open(work).close()));
    }
    return [
      summarize(`label/${scale}`, labelTimes, { budgetMs: large ? 20 : undefined }),
      summarize(`merge/${scale}`, mergeTimes, { budgetMs: large ? 20 : undefined, note }),
      summarize(`split/${scale}`, splitTimes, { budgetMs: large ? 20 : undefined, note }),
      summarize(`save/${scale}`, saveTimes, {
        budgetMs: large ? 1000 : undefined,
        note: 'all Phy files',
      }),
      summarize(`reopen-10k-journal/${scale}`, reopenTimes, { budgetMs: large ? 1000 : undefined }),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
