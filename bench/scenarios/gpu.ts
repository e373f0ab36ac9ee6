/**
 * @file Scenario "gpu": each WebGPU kernel against its CPU twin at realistic sizes (the dataset
 * is not used). Without an adapter the GPU columns are empty and the reason is noted.
 */
import { runGpuBenchmark } from '../../electron/core/gpu/gpu-benchmark.js';
import type { Figure } from '../measure.js';

export async function gpuScenario(_dir: string, _scale: string): Promise<Figure[]> {
  const report = await runGpuBenchmark({ scale: 1, repeats: 3 });
  const rss = process.resourceUsage().maxRSS / 1024;
  const adapter = report.adapter
    ? `${report.adapter}${report.isSoftware ? ' (software)' : ''}`
    : 'no GPU';
  return report.cases.flatMap((c) => [
    {
      name: `gpu-bench/${c.kernel}-cpu`,
      medianMs: c.cpuMs,
      p95Ms: c.cpuMs,
      runs: 3,
      peakRssMiB: rss,
      note: c.size,
    },
    {
      name: `gpu-bench/${c.kernel}-gpu`,
      medianMs: c.gpuMs ?? NaN,
      p95Ms: c.gpuMs ?? NaN,
      runs: 3,
      peakRssMiB: rss,
      note: `${adapter}; cpu/gpu ${c.speedup === null ? '-' : c.speedup.toFixed(2)}x; parity ${c.parity}`,
    },
  ]);
}
