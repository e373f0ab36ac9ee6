/**
 * @file The error a view payload throws when the dataset lacks what the view needs (no raw data,
 * no pc_features.npy, no amplitudes.npy, ...), so the UI can say so instead of showing an
 * empty plot.
 */

export class ViewUnavailableError extends Error {
  constructor(
    /** The view or payload that cannot be computed. */
    readonly view: string,
    /** Why, in words for the user. */
    readonly reason: string,
  ) {
    super(`${view}: ${reason}`);
    this.name = 'ViewUnavailableError';
  }
}
