import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NpyReader } from '../../../../electron/core/dataset/npy-reader.js';
import { saveNpy } from '../../../../electron/core/dataset/npy-writer.js';
import {
  readRowsInBackground,
  readRowsOnWorker,
} from '../../../../electron/core/views/row-reader.js';
import { Random } from '../../../../shared/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-row-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function matrix(name: string, rows: number, cols: number, f64: boolean): NpyReader {
  const rng = new Random(rows + cols);
  const data = f64 ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-100, 100);
  const path = join(dir, name);
  saveNpy(path, data, [rows, cols]);
  return NpyReader.open(path);
}

test('scattered rows read on the worker equal the same rows read here, in the given order', async () => {
  for (const f64 of [false, true]) {
    const reader = matrix(`m${f64 ? 64 : 32}.npy`, 5000, 12, f64);
    // Scattered, runs of neighbours, repeats, out of order.
    const rows = Uint32Array.of(4999, 0, 1, 2, 17, 17, 2500, 3, 4998);
    const got = await readRowsOnWorker(reader, rows);
    assert.ok(got, 'the worker answered');
    assert.equal(got.constructor, f64 ? Float64Array : Float32Array);
    assert.deepEqual(got, reader.readRowSet(rows));
    assert.deepEqual(await readRowsOnWorker(reader, new Uint32Array(0)), reader.readRowSet([]));
    // Enough rows to be shared among the readers: the parts come back in order.
    const rng = new Random(3);
    const many = Uint32Array.from({ length: 1001 }, () => Math.floor(rng.uniform(0, 5000)));
    assert.deepEqual(await readRowsOnWorker(reader, many), reader.readRowSet(many));
    reader.close();
  }
});

test('rows it cannot read answer null (the caller reads them itself)', async () => {
  const reader = matrix('small.npy', 10, 3, false);
  assert.equal(await readRowsOnWorker(reader, Uint32Array.of(3, 10)), null, 'a row outside');
  // The file changed after it was validated: the worker refuses it.
  appendFileSync(reader.path, Buffer.alloc(64));
  assert.equal(await readRowsOnWorker(reader, Uint32Array.of(1)), null, 'a changed file');
  reader.close();
  const ints = join(dir, 'ints.npy');
  saveNpy(ints, new Int32Array(20), [10, 2]);
  const intReader = NpyReader.open(ints);
  assert.equal(await readRowsOnWorker(intReader, Uint32Array.of(1)), null, 'not floats');
  intReader.close();
  // A file replaced by one of the same size is read afresh (not the old descriptor's bytes).
  const replaced = matrix('replaced.npy', 50, 4, false);
  await readRowsOnWorker(replaced, Uint32Array.of(0));
  writeFileSync(replaced.path, Buffer.alloc(0));
  assert.equal(await readRowsOnWorker(replaced, Uint32Array.of(0)), null, 'an emptied file');
  replaced.close();
});

test('rows read in the background, in rounds, equal the same rows read here; stop ends it', async () => {
  for (const f64 of [false, true]) {
    const reader = matrix(`bg${f64 ? 64 : 32}.npy`, 4000, 7, f64);
    const rng = new Random(11);
    // Several rounds (256 rows each), the last one short, in any order.
    const rows = Uint32Array.from({ length: 777 }, () => Math.floor(rng.uniform(0, 4000)));
    const got = await readRowsInBackground(reader, rows, () => false);
    assert.ok(got, 'read');
    assert.equal(got.constructor, f64 ? Float64Array : Float32Array);
    assert.deepEqual(got, reader.readRowSet(rows));
    assert.deepEqual(
      await readRowsInBackground(reader, Uint32Array.of(5, 1), () => false),
      reader.readRowSet([5, 1]),
    );
    assert.deepEqual(
      await readRowsInBackground(reader, new Uint32Array(0), () => false),
      reader.readRowSet([]),
    );
    // Stopped before the first round, or between two rounds: nothing comes back.
    assert.equal(await readRowsInBackground(reader, rows, () => true), null);
    let rounds = 0;
    assert.equal(await readRowsInBackground(reader, rows, () => rounds++ === 2), null);
    assert.equal(rounds, 3, 'asked before each round until told to stop');
    // A row outside the array: null, as on the worker.
    assert.equal(await readRowsInBackground(reader, Uint32Array.of(4000), () => false), null);
    reader.close();
  }
});
