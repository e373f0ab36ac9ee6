/**
 * @file Test-only .npy byte builder, written independently of electron/core/dataset/npy-writer.ts
 * so reader tests do not trust the writer. Supports versions 1-3, both byte orders, C/Fortran.
 */

export interface NpyBytesSpec {
  descr: string;
  shape: number[];
  fortran?: boolean;
  version?: 1 | 2 | 3;
  /** Element bytes, already laid out as they must appear in the file. */
  data: Uint8Array;
  /** Override the dict text (to build corrupt headers). */
  dictText?: string;
}

export function npyBytes(spec: NpyBytesSpec): Uint8Array {
  const version = spec.version ?? 1;
  const shapeText = spec.shape.length === 1 ? `(${spec.shape[0]},)` : `(${spec.shape.join(', ')})`;
  const dict =
    spec.dictText ??
    `{'descr': '${spec.descr}', 'fortran_order': ${spec.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  let headerLen = dict.length + 1;
  const pad = (64 - ((prefix + headerLen) % 64)) % 64;
  headerLen += pad;
  const out = new Uint8Array(prefix + headerLen + spec.data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  const text = dict + ' '.repeat(pad) + '\n';
  for (let i = 0; i < text.length; i++) out[prefix + i] = text.charCodeAt(i);
  out.set(spec.data, prefix + headerLen);
  return out;
}

/** Encodes numbers with a DataView setter, in the requested byte order. */
export function encodeValues(
  values: Array<number | bigint>,
  itemSize: number,
  setter: (view: DataView, offset: number, value: never, littleEndian: boolean) => void,
  littleEndian: boolean,
): Uint8Array {
  const out = new Uint8Array(values.length * itemSize);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => setter(view, i * itemSize, v as never, littleEndian));
  return out;
}
