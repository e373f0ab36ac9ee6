/**
 * @file Public surface of the pure curation model.
 */

export * from './actions.js';
export type * from './change.js';
export * from './codec.js';
export { CurationError, type CurationErrorCode } from './errors.js';
export { DEFAULT_NON_INHERITED_FIELDS } from './inheritance.js';
export { CurationModel, type CurationModelOptions } from './model.js';
export * from './selection.js';
export { planReplay, type JournalStep, type ReplayPlan } from './replay-plan.js';
