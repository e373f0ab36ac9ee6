/** @file IndexPrefetch: taken only when it is exactly what the caller would load, and once. */
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IndexPrefetch } from '../../../../electron/core/dataset/index-prefetch.js';
import { npyOf } from '../../../helpers/mini-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'kc-index-prefetch-'));
after(() => rmSync(root, { recursive: true, force: true }));

const IDS = [3, 0, 3, 1, 0, 3];
let n = 0;
function write(values: number[]): string {
  const path = join(root, `ids${n++}.npy`);
  writeFileSync(path, npyOf('<i4', [values.length], values));
  return path;
}

describe('IndexPrefetch', () => {
  it('is not started for small vectors, missing files or non-vectors', () => {
    assert.equal(IndexPrefetch.start(write(IDS), 7), null);
    assert.equal(IndexPrefetch.start(join(root, 'none.npy'), 0), null);
    const matrix = join(root, 'matrix.npy');
    writeFileSync(matrix, npyOf('<i4', [2, 3], IDS));
    assert.equal(IndexPrefetch.start(matrix, 0), null);
  });

  it('takeIfEqual: only for equal content, with the index; then never again', () => {
    const prefetch = IndexPrefetch.start(write(IDS), 0);
    assert.ok(prefetch);
    const taken = prefetch.takeIfEqual(Int32Array.from(IDS));
    assert.ok(taken);
    assert.deepEqual([...taken.spikeClusters], IDS);
    assert.deepEqual([...(taken.spikeIndex?.get(3) ?? [])], [0, 2, 5]);
    assert.equal(prefetch.takeIfEqual(Int32Array.from(IDS)), null, 'single use');
    prefetch.dispose();

    const other = IndexPrefetch.start(write(IDS), 0);
    assert.equal(other?.takeIfEqual(Int32Array.from([3, 0, 3, 1, 0, 2])), null);
    other?.dispose();
  });

  it('takeIfFile: only for the same, unchanged file', () => {
    const path = write(IDS);
    const wrongPath = IndexPrefetch.start(path, 0);
    assert.equal(wrongPath?.takeIfFile(`${path}.other`), null);
    assert.ok(wrongPath?.takeIfFile(path), 'a wrong path does not use it up');
    wrongPath?.dispose();

    const replaced = IndexPrefetch.start(path, 0);
    renameSync(write(IDS), path); // same content, another file
    assert.equal(replaced?.takeIfFile(path), null);
    replaced?.dispose();
  });

  it('dispose without taking ends the worker and the file', async () => {
    const prefetch = IndexPrefetch.start(write(IDS), 0);
    prefetch?.dispose();
    assert.equal(prefetch?.takeIfEqual(Int32Array.from(IDS)), null);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
