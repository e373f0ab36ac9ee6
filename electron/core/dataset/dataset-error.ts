/**
 * @file The one error type for bad input: it always names the file and the problem, so a user
 * can act on it ("spike_times.npy: truncated: 400 of 800 data bytes present").
 */

export class DatasetError extends Error {
  constructor(
    /** The file (name relative to the dataset folder, or the folder itself) at fault. */
    readonly file: string,
    /** What is wrong, in words a user understands. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetError';
  }
}
