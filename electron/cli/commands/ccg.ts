/**
 * @file `kilocurate ccg DIR ID... [--bin-ms B] [--window-ms W] [--json]`: auto- and
 * cross-correlograms of live clusters, with phylib's counts and layout: with --json,
 * `{cluster_ids, bin_ms, window_ms, counts}` where `counts[i][j][lag]` is what phylib's
 * `correlograms()` returns (lag index nBins >> 1 = zero lag; higher = cluster j after cluster i).
 */
import { parseArgs } from 'node:util';
import { correlogramOf, correlograms } from '../../core/analysis/correlograms.js';
import { UsageError } from './info.js';
import { openSession, STDIO, type CliIo } from './metrics.js';

/** Phy's CorrelogramView defaults. */
export const CCG_DEFAULTS = { binMs: 1, windowMs: 50 } as const;

function positiveNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0))
    throw new UsageError(`${name} must be a positive number, not '${text}'`);
  return v;
}

export async function ccgCommand(args: string[], io: CliIo = STDIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'bin-ms': { type: 'string' },
      'window-ms': { type: 'string' },
      json: { type: 'boolean' },
      reload: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const [dir, ...idWords] = positionals;
  if (!dir || idWords.length === 0) {
    throw new UsageError('usage: kilocurate ccg DIR ID... [--bin-ms B] [--window-ms W] [--json]');
  }
  const ids = idWords.map((w) => {
    if (!/^\d+$/.test(w)) throw new UsageError(`'${w}' is not a cluster id`);
    return Number(w);
  });
  if (new Set(ids).size !== ids.length) throw new UsageError('cluster ids must be distinct');
  const binMs = positiveNumber(values['bin-ms'], '--bin-ms', CCG_DEFAULTS.binMs);
  const windowMs = positiveNumber(values['window-ms'], '--window-ms', CCG_DEFAULTS.windowMs);
  if (windowMs < binMs) throw new UsageError('--window-ms must be at least --bin-ms');
  const service = openSession(dir, values, io);
  try {
    const missing = ids.filter((id) => !service.state.hasCluster(id));
    if (missing.length > 0) {
      io.err(`kilocurate: no cluster ${missing.join(', ')} in ${dir}\n`);
      return 1;
    }
    const { dataset } = service;
    let c;
    try {
      c = correlograms(
        dataset.spikeTimes,
        ids.map((id) => service.state.spikesOf(id)),
        { sampleRate: dataset.sampleRate, binS: binMs / 1000, windowS: windowMs / 1000 },
      );
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      throw err;
    }
    const counts = ids.map((_, i) => ids.map((__, j) => Array.from(correlogramOf(c, i, j))));
    if (values.json) {
      io.out(
        JSON.stringify({ cluster_ids: ids, bin_ms: binMs, window_ms: windowMs, counts }) + '\n',
      );
    } else {
      io.out(
        `# bins of ${binMs} ms, lags -${c.halfBins}..+${c.halfBins} bins (window ${windowMs} ms)\n`,
      );
      ids.forEach((a, i) =>
        ids.forEach((b, j) => io.out(`${a} ${b}: ${(counts[i]?.[j] ?? []).join(' ')}\n`)),
      );
    }
  } finally {
    service.close();
  }
  return 0;
}
