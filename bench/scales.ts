/**
 * @file The benchmark's dataset scales. Each is a synthetic Kilosort4 folder made by the fixture
 * generator and cached under .cache/bench/ (gitignored), keyed by its options.
 */
export interface Scale {
  name: 'small' | 'medium' | 'large';
  /** Target spike count, for the report. */
  approxSpikes: number;
  units: number;
  durationS: number;
  nChannels: number;
  rawSeconds: number;
  seed: number;
}

// Durations are chosen so that units × mean firing rate × duration ≈ approxSpikes with the
// generator's rate distribution (see electron/core/fixtures).
export const SCALES: Scale[] = [
  {
    name: 'small',
    approxSpikes: 250_000,
    units: 60,
    durationS: 900,
    nChannels: 383,
    rawSeconds: 10,
    seed: 11,
  },
  {
    name: 'medium',
    approxSpikes: 3_000_000,
    units: 150,
    durationS: 4_000,
    nChannels: 383,
    rawSeconds: 10,
    seed: 12,
  },
  {
    name: 'large',
    approxSpikes: 20_000_000,
    units: 400,
    durationS: 10_000,
    nChannels: 383,
    rawSeconds: 10,
    seed: 13,
  },
];
