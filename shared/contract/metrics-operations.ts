/**
 * @file Contract entries of quality metrics and suggestions. Part of the one table in contract.ts.
 */
export const metricsOperations = {} as const;
