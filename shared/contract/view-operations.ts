/**
 * @file Contract entries of the data views (waveforms, features, amplitudes, correlograms, ISI,
 * firing rate, traces, previews). Part of the one table in contract.ts.
 */
export const viewOperations = {} as const;
