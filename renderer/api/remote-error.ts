/** @file The error a client call rejects with: what failed (operation), why, and a code. */
import type { WireError } from '../../shared/contract/codec.js';

export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly code: WireError['code'];
  /** The contract channel that failed, e.g. `curation:merge`. */
  readonly operation: string;

  constructor(error: WireError) {
    super(`${error.operation}: ${error.message}`);
    this.code = error.code;
    this.operation = error.operation;
  }
}
