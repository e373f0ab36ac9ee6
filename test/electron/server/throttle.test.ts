import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { throttle } from '../../../electron/server/throttle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('progress throttle', () => {
  it('sends the first update at once and the latest one after the interval', async () => {
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 50);
    t(1);
    t(2);
    t(3);
    assert.deepEqual(sent, [1]);
    await sleep(80);
    assert.deepEqual(sent, [1, 3]);
  });

  it('caps the rate of a fast stream and never loses the newest value', async () => {
    const sent: { v: number; at: number }[] = [];
    const t = throttle((v: number) => sent.push({ v, at: Date.now() }), 40);
    const start = Date.now();
    let i = 0;
    while (Date.now() - start < 200) {
      t(++i);
      await sleep(1);
    }
    await sleep(60);
    const elapsed = Date.now() - start;
    assert.ok(sent.length <= Math.ceil(elapsed / 40) + 1, `${sent.length} sends in ${elapsed} ms`);
    assert.ok(sent.length >= 3);
    assert.equal(sent.at(-1)?.v, i, 'the newest value goes out');
    for (let k = 1; k < sent.length; k++)
      assert.ok(sent[k].at - sent[k - 1].at >= 35, `gap ${sent[k].at - sent[k - 1].at} ms`);
  });

  it('cancel drops the pending update', async () => {
    const sent: number[] = [];
    const t = throttle((v: number) => sent.push(v), 30);
    t(1);
    t(2);
    t.cancel();
    await sleep(50);
    assert.deepEqual(sent, [1]);
  });
});
