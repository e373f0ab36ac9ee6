import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RawData, parseRawDtype } from '../../../../electron/core/dataset/raw-data.js';
import { SHARED_DATA } from '../../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-raw-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('RawData', () => {
  // Values checked with numpy: np.fromfile(..., '<i2').reshape(-1, 4)
  const path = join(SHARED_DATA, 'phy-data-raw-4ch', 'test-4ch-1s.dat');
  const raw = new RawData({
    paths: [path],
    dtype: parseRawDtype('int16'),
    nChannelsDat: 4,
    offset: 0,
  });

  it('reads a window of chosen channels from real int16 data', () => {
    assert.equal(raw.nSamples, 20000);
    assert.deepEqual(
      Array.from(raw.readWindow(1000, 1003, [3, 1])),
      [-9214, -9169, -9175, -9104, -9149, -9069],
    );
    assert.deepEqual(
      Array.from(raw.readWindow(19999, 20000, [0, 1, 2, 3])),
      [3349, 2652, 2190, 2662],
    );
    let sum = 0;
    for (const v of raw.readWindow(0, 20000, [2])) sum += v;
    assert.equal(sum, -25029692);
  });

  it('zero-pads outside the recording and rejects bad channels', () => {
    const w = raw.readWindow(19998, 20002, [0]);
    assert.deepEqual(Array.from(w.subarray(2)), [0, 0]);
    assert.equal(w[1], 3349);
    assert.throws(() => raw.readWindow(0, 1, [4]), /channel 4 outside 0\.\.3/);
  });

  it('joins several dat_path files as one recording, honours offset, warns on partial frames', () => {
    const a = join(dir, 'a.bin');
    const b = join(dir, 'b.bin');
    const header = Buffer.from([9, 9, 9, 9]);
    const frames = (values: number[]) => Buffer.from(new Float32Array(values).buffer);
    writeFileSync(a, Buffer.concat([header, frames([1, 2, 3, 4])]));
    writeFileSync(b, Buffer.concat([header, frames([5, 6, 7]) /* 1.5 frames */]));
    const r = new RawData({
      paths: [a, b],
      dtype: parseRawDtype('float32'),
      nChannelsDat: 2,
      offset: 4,
    });
    assert.equal(r.nSamples, 3);
    assert.deepEqual(Array.from(r.readWindow(0, 3, [1, 0])), [2, 1, 4, 3, 6, 5]);
    assert.ok(r.warnings.some((w) => /b\.bin: size is not a multiple of 8 bytes/.test(w)));
  });

  it('parses numpy dtype spellings', () => {
    assert.deepEqual(parseRawDtype('int16'), { kind: 'i', itemSize: 2, littleEndian: true });
    assert.deepEqual(parseRawDtype('<f8'), { kind: 'f', itemSize: 8, littleEndian: true });
    assert.deepEqual(parseRawDtype('np.uint16'), { kind: 'u', itemSize: 2, littleEndian: true });
    assert.throws(() => parseRawDtype('complex64'), /params\.py: unsupported dtype 'complex64'/);
  });
});
