/**
 * @file The error a curation action raises when it cannot be applied. The model is left unchanged.
 */

export type CurationErrorCode =
  | 'invalid-action'
  | 'unknown-cluster'
  | 'invalid-spike'
  | 'empty-selection'
  | 'nothing-to-split'
  | 'id-overflow'
  | 'nothing-to-undo'
  | 'nothing-to-redo';

export class CurationError extends Error {
  readonly code: CurationErrorCode;

  constructor(code: CurationErrorCode, message: string) {
    super(message);
    this.name = 'CurationError';
    this.code = code;
  }
}
