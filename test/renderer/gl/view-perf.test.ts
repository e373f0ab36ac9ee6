import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewBegin, viewDone, whenPayloadsIn } from '../../../renderer/gl/view-perf.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

test('payloads of one selection are released together, when the last one is in', async () => {
  const released: string[] = [];
  viewBegin(1, 'waveform');
  viewBegin(1, 'feature');
  viewBegin(1, 'amplitude');
  void whenPayloadsIn(1, 'feature', 5000).then(() => released.push('feature'));
  void whenPayloadsIn(1, 'waveform', 5000).then(() => released.push('waveform'));
  await settle();
  assert.deepEqual(released, [], 'the amplitudes are not in yet');
  await whenPayloadsIn(1, 'amplitude', 5000);
  await settle();
  assert.deepEqual(released.sort(), ['feature', 'waveform']);
  for (const v of ['waveform', 'feature', 'amplitude']) viewDone(1, v);
});

test('a view that gives up (drawn with an error) no longer holds the others', async () => {
  viewBegin(2, 'waveform');
  viewBegin(2, 'feature');
  let released = false;
  void whenPayloadsIn(2, 'waveform', 5000).then(() => (released = true));
  await settle();
  assert.equal(released, false);
  viewDone(2, 'feature'); // failed: reported as done
  await settle();
  assert.equal(released, true);
  viewDone(2, 'waveform');
});

test('a payload waits no longer than its limit; other selections do not wait', async () => {
  viewBegin(3, 'waveform');
  viewBegin(3, 'feature');
  const t0 = performance.now();
  await whenPayloadsIn(3, 'waveform', 30);
  assert.ok(performance.now() - t0 >= 25);
  // A payload of a selection no longer being timed is drawn at once.
  const t1 = performance.now();
  await whenPayloadsIn(2, 'feature', 5000);
  assert.ok(performance.now() - t1 < 1000);
  viewDone(3, 'waveform');
  viewDone(3, 'feature');
});
