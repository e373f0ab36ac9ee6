/**
 * @file Timing helpers for benchmark scenarios: run a step several times, report the median,
 * the 95th percentile and the process's peak resident memory.
 */
import { performance } from 'node:perf_hooks';

export interface Figure {
  /** Stable name, e.g. `open+cluster-table/large`. */
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
  /** Peak RSS of the process that ran the scenario, MiB. */
  peakRssMiB: number;
  /** The budget from the issue, when there is one. */
  budgetMs?: number;
  budgetRssMiB?: number;
  note?: string;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export async function timeRuns(
  runs: number,
  step: (run: number) => unknown | Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await step(i);
    times.push(performance.now() - t0);
  }
  return times;
}

export function summarize(name: string, times: number[], extra: Partial<Figure> = {}): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    runs: times.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
}
