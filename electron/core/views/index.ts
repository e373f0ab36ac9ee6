/**
 * @file Public surface of the curation views' core payloads (docs/views.md describes each).
 */
export { butter, phyHighPass, type IirFilter } from './butterworth.js';
export * from './cluster-summary.js';
export * from './correlogram-view.js';
export * from './density.js';
export { ViewUnavailableError } from './errors.js';
export * from './features.js';
export * from './filter.js';
export * from './over-time.js';
export * from './pc-values.js';
export * from './polygon.js';
export * from './preview.js';
export * from './sampling.js';
export * from './snippets.js';
export * from './spike-train-views.js';
export * from './traces.js';
export * from './view-context.js';
export * from './waveforms.js';
