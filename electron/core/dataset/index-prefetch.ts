/**
 * @file A cluster-id vector read, validated and grouped into its spike index on a worker thread
 * AHEAD of need (the session's base assignment, while the dataset is being opened). It is
 * speculative: the consumer takes it only where it is exactly what it would have loaded itself,
 * either equal content to an array it holds or the very same file, and otherwise does its own
 * work; a prefetch that fails or is not taken changes nothing but the time spent.
 */
import { fstatSync, statSync, type BigIntStats } from 'node:fs';
import { SpikesPerCluster, denseIdLimit } from '../../../shared/curation/spike-index.js';
import { BackgroundRead } from './background-read.js';
import { NpyReader } from './npy-reader.js';

/** What a prefetch yields: a private copy of the ids, and their index when dense. */
export interface PrefetchedIndex {
  spikeClusters: Int32Array;
  spikeIndex?: SpikesPerCluster;
}

const bytesOf = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export class IndexPrefetch {
  private taken = false;
  private closed = false;

  private constructor(
    /** The file being read. */
    readonly path: string,
    private readonly reader: NpyReader,
    private readonly job: BackgroundRead<'grouped-index'>,
    /** The file's status before the worker read it: a later change shows in mtime/size. */
    private readonly readStat: BigIntStats,
  ) {}

  /**
   * Starts reading `path` on a worker, or returns null when it has fewer than `minSpikes`
   * entries (not worth a thread) or cannot even be opened as a vector: those problems are
   * reported, with their proper errors, by whoever then reads the file itself.
   */
  static start(path: string, minSpikes: number): IndexPrefetch | null {
    let reader: NpyReader;
    try {
      reader = NpyReader.open(path);
    } catch {
      return null;
    }
    try {
      const source = reader.vectorSource();
      if (source.count < minSpikes) throw new Error('small');
      const readStat = fstatSync(source.fd, { bigint: true });
      const job = BackgroundRead.start('grouped-index', source, denseIdLimit(source.count));
      return new IndexPrefetch(path, reader, job, readStat);
    } catch {
      reader.close();
      return null;
    }
  }

  /** The prefetched ids if their content equals `values` (a memcmp), else null. Single use. */
  takeIfEqual(values: Int32Array): PrefetchedIndex | null {
    const result = this.take();
    return result && bytesOf(result.spikeClusters).equals(bytesOf(values)) ? result : null;
  }

  /** The prefetched ids if `path` is still the file that was read, else null. Single use. */
  takeIfFile(path: string): PrefetchedIndex | null {
    if (path !== this.path || this.taken) return null;
    const read = this.readStat;
    let now: BigIntStats;
    try {
      now = statSync(path, { bigint: true });
    } catch {
      return null;
    }
    const same =
      now.dev === read.dev &&
      now.ino === read.ino &&
      now.size === read.size &&
      now.mtimeNs === read.mtimeNs;
    return same ? this.take() : null;
  }

  /** Ends the worker (if still running) and closes the file once the worker has stopped. */
  dispose(): void {
    this.taken = true;
    this.closeReader();
  }

  /**
   * Closes the file now when the worker is done with it (a folder being reset must not find it
   * still open), else once the cancelled worker has stopped.
   */
  private closeReader(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.job.finished) this.reader.close();
    else void this.job.cancel().finally(() => this.reader.close());
  }

  private take(): PrefetchedIndex | null {
    if (this.taken) return null;
    this.taken = true;
    const result = this.job.join();
    this.closeReader();
    if (!result) return null;
    const { values, groups } = result;
    return groups
      ? {
          spikeClusters: values,
          spikeIndex: SpikesPerCluster.fromGroups(groups.order, groups.starts),
        }
      : { spikeClusters: values };
  }
}
