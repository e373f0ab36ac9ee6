/**
 * @file Raw spike snippets as Phy's WaveformView shows them (phy-semantics §3.3): one ranged read
 * of the raw file per spike, the per-snippet per-channel median removed, then Phy's high-pass
 * filter applied along time to the short snippet.
 *
 * One deliberate difference: the window is aligned on the templates. Kilosort4 puts the trough at
 * `nt0min` (20 of 61 samples), while Phy centres the window (30 before), which shifts raw
 * waveforms ~10 samples against templates (Phy #1332). With 'nt0min' alignment (the default when
 * nt0min is known) the window is `[t - nt0min, t - nt0min + nt)`.
 */
import type { Dataset } from '../dataset/dataset.js';
import type { RawData } from '../dataset/raw-data.js';
import { phyHighPass } from './butterworth.js';
import { ViewUnavailableError } from './errors.js';
import { processRawBlock } from './filter.js';

/** Default snippet length without templates.npy (Kilosort4's nt). */
export const DEFAULT_SNIPPET_SAMPLES = 61;

export type SnippetAlignment = 'nt0min' | 'centered';

/** Where a snippet sits around its spike time. */
export interface SnippetWindow {
  /** Samples per snippet. */
  nSamples: number;
  /** Samples before the spike sample: the spike time is at index `before` of the snippet. */
  before: number;
}

/**
 * The snippet window: template length (61 for Kilosort4), starting `nt0min` samples before the
 * spike ('nt0min', when the dataset knows it) or `floor(n / 2)` before it (Phy, 'centered').
 */
export function snippetWindow(
  dataset: Dataset,
  alignment: SnippetAlignment = 'nt0min',
): SnippetWindow {
  const nSamples = dataset.templates?.nSamples ?? DEFAULT_SNIPPET_SAMPLES;
  const before =
    alignment === 'nt0min' && dataset.nt0min !== undefined && dataset.nt0min < nSamples
      ? dataset.nt0min
      : Math.floor(nSamples / 2);
  return { nSamples, before };
}

/** The raw reader, or a ViewUnavailableError naming why there is none. */
export function rawDataOf(dataset: Dataset, view: string): RawData {
  const raw = dataset.raw;
  if (raw.status !== 'available')
    throw new ViewUnavailableError(view, `no raw data (${raw.reason})`);
  return raw.data;
}

export interface SnippetOptions extends SnippetWindow {
  /** Apply Phy's 150 Hz high-pass after the median removal (default true). */
  filter?: boolean;
}

/**
 * Processed snippets of `spikes` on the given probe channels (indices into channel_positions),
 * as float32 `out[(k * nSamples + t) * nChannels + c]`. Samples outside the recording are zero
 * before processing, as Phy pads them.
 */
export function extractSnippets(
  dataset: Dataset,
  spikes: ArrayLike<number>,
  channels: readonly number[],
  opts: SnippetOptions,
): Float32Array {
  const raw = rawDataOf(dataset, 'waveforms');
  const { nSamples, before } = opts;
  const columns = channels.map((c) => dataset.probe.channelMap[c] as number);
  const filter = opts.filter === false ? null : phyHighPass(dataset.sampleRate);
  const nCh = channels.length;
  const out = new Float32Array(spikes.length * nSamples * nCh);
  for (let k = 0; k < spikes.length; k++) {
    const t = Math.round(dataset.spikeTimes[spikes[k] as number] as number);
    const block = raw.readWindow(t - before, t - before + nSamples, columns);
    out.set(processRawBlock(block, nSamples, nCh, filter), k * nSamples * nCh);
  }
  return out;
}
