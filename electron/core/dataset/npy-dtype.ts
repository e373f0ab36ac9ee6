/**
 * @file The .npy dtypes Kilocurate understands, parsed from and printed to numpy `descr` strings.
 *
 * Shared by the reader (npy-reader.ts) and the writer (npy-writer.ts). Object / string / complex
 * dtypes are not representable here on purpose: they are refused, never unpickled.
 */

export type NpyKind = 'b' | 'i' | 'u' | 'f';

export interface NpyDtype {
  /** b = bool, i = signed int, u = unsigned int, f = IEEE float. */
  kind: NpyKind;
  /** Bytes per element: 1, 2, 4 or 8. */
  itemSize: 1 | 2 | 4 | 8;
  /** Byte order of the stored data (single-byte types are reported as little-endian). */
  littleEndian: boolean;
}

/** Canonical numpy descr for a dtype, e.g. `<i4`, `|u1`, `>f8`. */
export function dtypeToDescr(dtype: NpyDtype): string {
  const order = dtype.itemSize === 1 ? '|' : dtype.littleEndian ? '<' : '>';
  return `${order}${dtype.kind}${dtype.itemSize}`;
}

/** Common dtypes, little-endian. */
export const DTYPES = {
  bool: { kind: 'b', itemSize: 1, littleEndian: true },
  int8: { kind: 'i', itemSize: 1, littleEndian: true },
  uint8: { kind: 'u', itemSize: 1, littleEndian: true },
  int16: { kind: 'i', itemSize: 2, littleEndian: true },
  uint16: { kind: 'u', itemSize: 2, littleEndian: true },
  int32: { kind: 'i', itemSize: 4, littleEndian: true },
  uint32: { kind: 'u', itemSize: 4, littleEndian: true },
  int64: { kind: 'i', itemSize: 8, littleEndian: true },
  uint64: { kind: 'u', itemSize: 8, littleEndian: true },
  float32: { kind: 'f', itemSize: 4, littleEndian: true },
  float64: { kind: 'f', itemSize: 8, littleEndian: true },
} as const satisfies Record<string, NpyDtype>;

export type DtypeName = keyof typeof DTYPES;
