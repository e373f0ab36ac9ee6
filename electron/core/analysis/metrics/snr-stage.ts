/**
 * @file SNR of every cluster from its dominant template (`snr.ts`, source 'template'): the
 * unwhitened template's negative peak on its extremum channel over the noise SD that unit-variance
 * whitened noise has after unwhitening. Raw-data SNR (SI's preferred source) needs a high-pass
 * filter of raw snippets, which the app does not have yet, so it is not computed here.
 */
import type { Dataset } from '../../dataset/dataset.js';
import { computeSnr, noiseLevelsFromWhitening, type SnrSource } from '../snr.js';
import type { TemplateWaveforms } from '../template-waveforms.js';

/** SNR and its provenance, NaN/null without templates. */
export interface SnrValue {
  snr: number;
  source: SnrSource | null;
}

/** Computes template SNRs, sharing the per-channel noise model between clusters. */
export class TemplateSnr {
  private noise: Float64Array | null = null;

  constructor(
    private readonly dataset: Dataset,
    private readonly waveforms: TemplateWaveforms,
  ) {}

  /** SNR of template `t` (unitless); NaN with source null when there is no templates.npy. */
  of(t: number): SnrValue {
    const waveform = this.waveforms.unwhitened(t);
    if (!waveform) return { snr: NaN, source: null };
    const nc = this.dataset.probe.nChannels;
    const nt = waveform.length / nc;
    this.noise ??= this.dataset.whiteningMatInv
      ? noiseLevelsFromWhitening(this.dataset.whiteningMatInv, nc)
      : new Float64Array(nc).fill(1);
    // unwhitened() includes Phy's display factor template_scaling; the noise model does not.
    const scale = this.dataset.templateScaling || 1;
    const unscaled = scale === 1 ? waveform : waveform.map((v) => v / scale);
    const r = computeSnr({ waveform: unscaled, nt, nc, noise: this.noise, source: 'template' });
    return { snr: r.snr, source: 'template' };
  }
}
