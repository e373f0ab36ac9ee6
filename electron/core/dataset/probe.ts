/**
 * @file Probe geometry: which raw-file column each sorted channel is (channel_map), where it sits
 * (channel_positions, µm) and on which shank (channel_shanks). Validated against each other and
 * against n_channels_dat.
 */
import { DatasetError } from './dataset-error.js';

export interface Probe {
  /** Number of channels the sorter used (rows of channel_positions). */
  nChannels: number;
  /** Raw-file column of each channel (channel_map.npy). */
  channelMap: Int32Array;
  /** x, y of each channel in µm, interleaved: [x0, y0, x1, y1, ...]. */
  positions: Float64Array;
  /** Shank of each channel (zeros when channel_shanks.npy is absent). */
  shanks: Float64Array;
  /** Whether the files stored floats (Kilosort4 writes float32 shanks): Phy prints them as
   * floats in cluster_info.tsv, so we must know. */
  shanksAreFloat: boolean;
  positionsAreFloat: boolean;
}

export interface ProbeInput {
  channelMap: ArrayLike<number>;
  positions: Float64Array | null;
  positionsShape: number[] | null;
  shanks: ArrayLike<number> | null;
  shanksAreFloat?: boolean;
  positionsAreFloat?: boolean;
  nChannelsDat: number | undefined;
  warnings: string[];
}

export function buildProbe(input: ProbeInput): Probe {
  const nChannels = input.channelMap.length;
  const channelMap = Int32Array.from(input.channelMap);
  for (let i = 0; i < nChannels; i++) {
    const c = input.channelMap[i] as number;
    if (!Number.isInteger(c) || c < 0) {
      throw new DatasetError('channel_map.npy', `entry ${i} is not a valid channel (${c})`);
    }
    if (input.nChannelsDat !== undefined && c >= input.nChannelsDat) {
      throw new DatasetError(
        'channel_map.npy',
        `entry ${i} is channel ${c}, but params.py says n_channels_dat = ${input.nChannelsDat}`,
      );
    }
  }

  let positions: Float64Array;
  if (input.positions && input.positionsShape) {
    const [rows, cols] = input.positionsShape;
    if (input.positionsShape.length !== 2 || rows !== nChannels || (cols !== 2 && cols !== 3)) {
      throw new DatasetError(
        'channel_positions.npy',
        `shape (${input.positionsShape.join(', ')}) does not match ${nChannels} channels in channel_map.npy (expected (${nChannels}, 2))`,
      );
    }
    positions = new Float64Array(nChannels * 2);
    for (let i = 0; i < nChannels; i++) {
      positions[2 * i] = input.positions[i * (cols as number)] as number;
      positions[2 * i + 1] = input.positions[i * (cols as number) + 1] as number;
    }
    if (hasDuplicates(positions)) {
      // Phy does the same: duplicated contacts make every geometric view meaningless.
      input.warnings.push(
        'channel_positions.npy: duplicated positions; using a linear layout instead',
      );
      positions = linearLayout(nChannels);
    }
  } else {
    input.warnings.push('channel_positions.npy is missing: using a linear layout (20 µm pitch)');
    positions = linearLayout(nChannels);
  }

  const shanks = new Float64Array(nChannels);
  if (input.shanks) {
    if (input.shanks.length !== nChannels) {
      throw new DatasetError(
        'channel_shanks.npy',
        `has ${input.shanks.length} entries for ${nChannels} channels`,
      );
    }
    for (let i = 0; i < nChannels; i++) shanks[i] = input.shanks[i] as number;
  }
  return {
    nChannels,
    channelMap,
    positions,
    shanks,
    shanksAreFloat: input.shanks !== null && input.shanksAreFloat === true,
    positionsAreFloat: input.positionsAreFloat ?? true,
  };
}

function linearLayout(n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) out[2 * i + 1] = 20 * i;
  return out;
}

function hasDuplicates(positions: Float64Array): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < positions.length; i += 2) {
    const key = `${positions[i]},${positions[i + 1]}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
