/**
 * @file Reader for the raw recording (flat interleaved binary: `dat_path`, `n_channels_dat`,
 * `dtype`, `offset` from params.py). Reads a time window of chosen channels with ranged reads;
 * the file (often 100+ GB) is never loaded whole. Several files in `dat_path` are consecutive
 * segments of one recording, as in Phy.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DatasetError } from './dataset-error.js';
import { parseDescr } from './npy-header.js';
import { allocateFor } from './npy-reader.js';
import type { NpyDtype } from './npy-dtype.js';

const NAMED_DTYPES: Record<string, string> = {
  int8: '|i1',
  uint8: '|u1',
  int16: '<i2',
  uint16: '<u2',
  int32: '<i4',
  uint32: '<u4',
  int64: '<i8',
  uint64: '<u8',
  float32: '<f4',
  float64: '<f8',
  float: '<f8',
  single: '<f4',
  double: '<f8',
  short: '<i2',
};

/** Maps a numpy dtype spelling from params.py ('int16', '<i2', 'float32', ...) to a dtype. */
export function parseRawDtype(text: string, file = 'params.py'): NpyDtype {
  const descr = NAMED_DTYPES[text.replace(/^np\.|^numpy\./, '')] ?? text;
  return parseDescr(descr, file);
}

export interface RawSegment {
  path: string;
  /** Samples (time points) in this file. */
  nSamples: number;
}

export interface RawDataSpec {
  paths: string[];
  dtype: NpyDtype;
  nChannelsDat: number;
  /** Header bytes at the start of each file. */
  offset: number;
}

export class RawData {
  readonly segments: RawSegment[];
  readonly nSamples: number;
  readonly warnings: string[] = [];

  constructor(readonly spec: RawDataSpec) {
    const frame = spec.dtype.itemSize * spec.nChannelsDat;
    this.segments = spec.paths.map((path) => {
      const size = statSync(path).size - spec.offset;
      if (size < 0) throw new DatasetError(basename(path), 'smaller than the header offset');
      if (size % frame !== 0) {
        // Phy only warns here too: the tail is a partial frame and is ignored.
        this.warnings.push(
          `${basename(path)}: size is not a multiple of ${frame} bytes (n_channels_dat × itemsize); the last partial frame is ignored`,
        );
      }
      return { path, nSamples: Math.floor(size / frame) };
    });
    this.nSamples = this.segments.reduce((a, s) => a + s.nSamples, 0);
  }

  /**
   * Reads samples [start, end) of the given channels (raw-file column indices), as float32,
   * time-major: out[t * channels.length + c]. Samples outside the recording are zero.
   */
  readWindow(start: number, end: number, channels: readonly number[]): Float32Array {
    const { dtype, nChannelsDat, offset } = this.spec;
    for (const c of channels) {
      if (!(Number.isInteger(c) && c >= 0 && c < nChannelsDat)) {
        throw new RangeError(`channel ${c} outside 0..${nChannelsDat - 1}`);
      }
    }
    const nOut = Math.max(0, end - start);
    const out = new Float32Array(nOut * channels.length);
    let segmentStart = 0;
    for (const segment of this.segments) {
      const a = Math.max(start, segmentStart);
      const b = Math.min(end, segmentStart + segment.nSamples);
      if (a < b) {
        const frames = allocateFor(dtype, (b - a) * nChannelsDat);
        const bytes = new Uint8Array(frames.buffer, frames.byteOffset, frames.byteLength);
        const fd = openSync(segment.path, 'r');
        try {
          const position = offset + (a - segmentStart) * nChannelsDat * dtype.itemSize;
          let done = 0;
          while (done < bytes.length) {
            const got = readSync(fd, bytes, done, bytes.length - done, position + done);
            if (got === 0) throw new DatasetError(basename(segment.path), 'unexpected end of file');
            done += got;
          }
        } finally {
          closeSync(fd);
        }
        if (!dtype.littleEndian && dtype.itemSize > 1) {
          throw new DatasetError(basename(segment.path), 'big-endian raw data is not supported');
        }
        const source = frames as unknown as ArrayLike<number | bigint>;
        for (let t = 0; t < b - a; t++) {
          const row = (a - start + t) * channels.length;
          const frame = t * nChannelsDat;
          for (let c = 0; c < channels.length; c++) {
            out[row + c] = Number(source[frame + (channels[c] as number)]);
          }
        }
      }
      segmentStart += segment.nSamples;
    }
    return out;
  }
}
