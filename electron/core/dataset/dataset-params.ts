/**
 * @file The recording parameters of a dataset: params.py parsed as literals (never executed),
 * with fallbacks for folders without one (a SpikeGLX .meta file next to the data gives the
 * sample rate).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from './dataset-error.js';
import { interpretParams, PARAMS_PY_MAX_CHARS, parseParamsPy } from './params-py.js';

export interface DatasetParams {
  sampleRate: number;
  datPaths: string[];
  nChannelsDat: number | undefined;
  dtype: string | undefined;
  offset: number;
  templateScaling: number;
  nt0min: number | undefined;
  /** Where the sample rate came from, for `info`. */
  sampleRateSource: string;
}

/** Kilosort's and SpikeGLX's usual rate; used only when nothing in the folder says otherwise. */
const DEFAULT_SAMPLE_RATE = 30000;

export function readDatasetParams(
  dir: string,
  names: ReadonlySet<string>,
  warnings: string[],
): DatasetParams {
  if (names.has('params.py')) {
    let text: string;
    try {
      if (statSync(join(dir, 'params.py')).size > PARAMS_PY_MAX_CHARS) {
        throw new DatasetError('params.py', `larger than ${PARAMS_PY_MAX_CHARS} bytes; refusing to parse it`);
      }
      text = readFileSync(join(dir, 'params.py'), 'utf8');
    } catch (err) {
      if (err instanceof DatasetError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new DatasetError(
        'params.py',
        code === 'EACCES' ? 'permission denied (cannot read the file)' : `cannot read (${code})`,
      );
    }
    const parsed = parseParamsPy(text);
    warnings.push(
      ...parsed.warnings.map((w) => (w.startsWith('params.py') ? w : `params.py: ${w}`)),
    );
    const interpreted = interpretParams(parsed.values, dir);
    warnings.push(
      ...interpreted.warnings
        .filter((w) => !/no sample_rate/.test(w))
        .map((w) => (w.startsWith('params.py') ? w : `params.py: ${w}`)),
    );
    const p = interpreted.params;
    let sampleRate = p.sampleRate;
    let sampleRateSource = 'params.py';
    if (sampleRate === undefined || !(sampleRate > 0)) {
      warnings.push(`params.py: no valid sample_rate; assuming ${DEFAULT_SAMPLE_RATE} Hz`);
      sampleRate = DEFAULT_SAMPLE_RATE;
      sampleRateSource = 'default';
    }
    return {
      sampleRate,
      sampleRateSource,
      datPaths: p.datPaths,
      nChannelsDat: p.nChannelsDat,
      dtype: p.dtype,
      offset: p.offset,
      templateScaling: p.templateScaling ?? 1,
      nt0min: p.nt0min,
    };
  }
  const meta = [...names].find((n) => n.endsWith('.meta'));
  const fromMeta = meta ? readMetaSampleRate(join(dir, meta)) : undefined;
  if (fromMeta !== undefined) {
    warnings.push(
      `params.py is missing: sample rate ${fromMeta} Hz taken from ${meta}; no raw data`,
    );
  } else {
    warnings.push(`params.py is missing: assuming ${DEFAULT_SAMPLE_RATE} Hz; no raw data`);
  }
  return {
    sampleRate: fromMeta ?? DEFAULT_SAMPLE_RATE,
    sampleRateSource: fromMeta !== undefined ? (meta as string) : 'default',
    datPaths: [],
    nChannelsDat: undefined,
    dtype: undefined,
    offset: 0,
    templateScaling: 1,
    nt0min: undefined,
  };
}

/** SpikeGLX .meta: `imSampRate=30000.0` (AP band) or `niSampRate=...`. */
function readMetaSampleRate(path: string): number | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const m = /^(?:imSampRate|niSampRate)=([0-9.eE+-]+)\s*$/m.exec(text);
    const rate = m ? Number(m[1]) : NaN;
    return rate > 0 ? rate : undefined;
  } catch {
    return undefined;
  }
}
