/**
 * @file `kilocurate metrics DIR [--backend auto|cpu|gpu] [--json|--tsv] [--reload|--keep]`: every
 * quality metric of every live cluster (the session's merges/splits included), one row per cluster:
 * id, Kilosort4's recomputed ContamPct and KSLabel, then SpikeInterface-named metrics.
 * Results are cached in the session database, so a second run only recomputes changed clusters.
 */
import { parseArgs } from 'node:util';
import { computeAllMetrics } from '../../core/analysis/metrics/compute-all.js';
import { journalCache } from '../../core/analysis/metrics/metrics-cache.js';
import {
  formatMetricCell,
  metricsToJson,
  metricsToTsv,
  type MetricsTable,
} from '../../core/analysis/metrics/metrics-table.js';
import {
  CurationService,
  type ExternalChangePolicy,
} from '../../core/curation/curation-service.js';
import type { Backend } from '../../core/gpu/compute.js';
import { releaseGpu } from '../../core/gpu/device.js';
import type { JobProgress } from '../../core/jobs/job.js';
import { toTable } from '../output.js';
import { UsageError } from './info.js';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether err is a terminal (progress is shown only then). */
  errIsTty?: boolean;
}

export const STDIO: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  errIsTty: process.stderr.isTTY === true,
};

const BACKENDS: readonly Backend[] = ['auto', 'cpu', 'gpu'];

/** Parses --backend. */
export function parseBackend(value: string | undefined): Backend {
  const b = (value ?? 'auto') as Backend;
  if (!BACKENDS.includes(b))
    throw new UsageError(`--backend must be auto, cpu or gpu, not '${value}'`);
  return b;
}

/** Opens the curation session of DIR with the --reload/--keep policy, reporting its warnings. */
export function openSession(
  dir: string,
  values: { reload?: boolean; keep?: boolean },
  io: CliIo,
): CurationService {
  const policy: ExternalChangePolicy = values.reload ? 'reload' : values.keep ? 'keep' : 'fail';
  const service = CurationService.open(dir, { onExternalChange: policy });
  for (const w of service.warnings) io.err(`kilocurate: ${w}\n`);
  return service;
}

/** A progress line on a terminal, nothing otherwise. */
export function progressPrinter(io: CliIo): ((p: JobProgress) => void) | undefined {
  if (!io.errIsTty) return undefined;
  return (p) => io.err(`\r${p.phase ?? 'working'}: ${p.done}/${p.total}\x1b[K`);
}

/** Computes the metrics table of DIR's live clustering, using the session cache. */
export async function metricsOfSession(
  service: CurationService,
  backend: Backend,
  io: CliIo,
): Promise<MetricsTable> {
  const progress = progressPrinter(io);
  try {
    return await computeAllMetrics(service.dataset, service.state, {
      backend,
      cache: journalCache(service.journal),
      ...(progress ? { progress } : {}),
    });
  } finally {
    if (progress) io.err('\r\x1b[K');
    if (backend !== 'cpu') await releaseGpu();
  }
}

function tableCell(column: string, value: number | string | null): string {
  if (typeof value !== 'number' || column === 'ks_contam_pct' || Number.isInteger(value)) {
    return formatMetricCell(column, value);
  }
  if (!Number.isFinite(value)) return formatMetricCell(column, value);
  return value.toFixed(Math.abs(value) >= 100 ? 1 : 3);
}

export async function metricsCommand(args: string[], io: CliIo = STDIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      backend: { type: 'string' },
      json: { type: 'boolean' },
      tsv: { type: 'boolean' },
      reload: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const usage = 'usage: kilocurate metrics DIR [--backend auto|cpu|gpu] [--json|--tsv]';
  const dir = positionals[0];
  if (!dir || positionals.length > 1) throw new UsageError(usage);
  if (values.json && values.tsv) throw new UsageError('--json and --tsv are exclusive');
  const backend = parseBackend(values.backend);
  const service = openSession(dir, values, io);
  try {
    const table = await metricsOfSession(service, backend, io);
    for (const note of table.notes) io.err(`kilocurate: ${note}\n`);
    if (values.json) io.out(JSON.stringify(metricsToJson(table)) + '\n');
    else if (values.tsv) io.out(metricsToTsv(table));
    else {
      const rows = table.rows.map((row) => {
        const r = row as unknown as Record<string, number | string | null>;
        return table.columns.map((c) => tableCell(c, r[c] ?? null));
      });
      io.out(toTable(table.columns, rows));
    }
  } finally {
    service.close();
  }
  return 0;
}
