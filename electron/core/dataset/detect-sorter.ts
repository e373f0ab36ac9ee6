/**
 * @file Guesses which sorter wrote a folder from the files and shapes it holds. Only used for
 * display and defaults (e.g. Kilosort4's nt0min); loading never depends on the guess, because
 * exports changed across versions (phy-semantics §6): shapes are validated instead.
 */
import type { PcFeaturesSource, SorterGuess, TemplatesSource } from './dataset.js';

export function detectSorter(
  names: ReadonlySet<string>,
  templates: TemplatesSource | null,
  pcFeatures: PcFeaturesSource | null,
): SorterGuess {
  const ks4Files = [
    'spike_detection_templates.npy',
    'spike_positions.npy',
    'kept_spikes.npy',
  ].filter((n) => names.has(n));
  if (ks4Files.length > 0) return { name: 'kilosort4', basis: ks4Files.join(', ') };
  if (templates?.nSamples === 61 && pcFeatures?.nPcs === 6) {
    return { name: 'kilosort4', basis: '61-sample templates and 6 PCs per channel' };
  }
  const siFiles = [
    'channel_map_si.npy',
    'cluster_si_unit_ids.tsv',
    'cluster_channel_group.tsv',
  ].filter((n) => names.has(n));
  if (siFiles.length > 0) return { name: 'spikeinterface', basis: siFiles.join(', ') };
  if (names.has('cluster_KSLabel.tsv') || names.has('templates_ind.npy') || names.has('rez.mat')) {
    const basis = ['cluster_KSLabel.tsv', 'templates_ind.npy', 'rez.mat']
      .filter((n) => names.has(n))
      .join(', ');
    return { name: 'kilosort2-3', basis };
  }
  if (names.has('template_ind.npy') || names.has('pc_feature_spike_ids.npy')) {
    return {
      name: 'kilosort1',
      basis: 'template_ind.npy / pc_feature_spike_ids.npy (KiloSort 1 layout)',
    };
  }
  if (templates?.nSamples === 82) return { name: 'kilosort2-3', basis: '82-sample templates' };
  return { name: 'unknown', basis: 'no sorter-specific files' };
}
