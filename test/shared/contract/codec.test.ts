import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodecError, decodeFrame, encodeFrame } from '../../../shared/contract/codec.js';
import { Random } from '../../../shared/util/random.js';

const ALL_TYPES = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
] as const;

describe('binary frame codec', () => {
  it('round-trips every typed array type with exact type, length and contents', () => {
    const rng = new Random(7);
    const message: Record<string, unknown> = {};
    for (const Ctor of ALL_TYPES) {
      const n = 1 + rng.int(50); // odd lengths force padding between arrays
      const a = new Ctor(n);
      for (let i = 0; i < n; i++) a[i] = Math.round(rng.uniform(-100, 100));
      message[Ctor.name] = a;
    }
    message.big = new BigInt64Array([-(2n ** 62n), 0n, 12345678901234n]);
    message.ubig = new BigUint64Array([2n ** 64n - 1n]);
    const back = decodeFrame(encodeFrame(message)) as Record<string, ArrayLike<unknown>>;
    for (const [name, original] of Object.entries(message)) {
      const got = back[name];
      assert.equal(got.constructor, (original as object).constructor, name);
      assert.deepEqual(Array.from(got), Array.from(original as ArrayLike<unknown>), name);
    }
  });

  it('keeps nested structure, strings, NaN/Infinity, nulls and $-keys', () => {
    const message = {
      t: 'reply',
      list: [1, 'two', null, true, { deep: [new Float32Array([0.5, NaN])] }],
      weird: { $ta: 3, $num: 'NaN', $$x: 1, $: 2 },
      numbers: [NaN, Infinity, -Infinity, -0.25, 1e300],
      unicode: 'µm — 電極',
      empty: new Uint32Array(0),
    };
    const back = decodeFrame(encodeFrame(message)) as typeof message;
    assert.deepEqual(back.weird, { $ta: 3, $num: 'NaN', $$x: 1, $: 2 });
    assert.deepEqual(back.numbers, [NaN, Infinity, -Infinity, -0.25, 1e300]);
    assert.equal(back.unicode, 'µm — 電極');
    const deep = (back.list[4] as { deep: Float32Array[] }).deep[0];
    assert.ok(deep instanceof Float32Array);
    assert.equal(deep[0], 0.5);
    assert.ok(Number.isNaN(deep[1]));
    assert.ok(back.empty instanceof Uint32Array && back.empty.length === 0);
    assert.deepEqual(back.list.slice(0, 4), [1, 'two', null, true]);
  });

  it('places array bytes raw at 8-aligned offsets (no JSON numbers, no base64)', () => {
    const values = new Float64Array([1.5, -2.25, 3.125]);
    const frame = encodeFrame({ a: new Uint8Array([1, 2, 3]), b: values });
    const text = new TextDecoder().decode(frame);
    assert.ok(!text.includes('1.5') && !text.includes('-2.25'), 'values must not appear as text');
    // Find the float bytes in the frame and check their alignment.
    const needle = new Uint8Array(values.buffer);
    let at = -1;
    for (let i = 0; i + needle.length <= frame.length && at < 0; i++)
      if (needle.every((byte, k) => frame[i + k] === byte)) at = i;
    assert.ok(at > 0 && at % 8 === 0, `float bytes at ${at}`);
    assert.ok(frame.length < 12 + 200 + 8 + 24 + 8, `frame of ${frame.length} bytes is compact`);
  });

  it('encodes views into larger buffers by their own bytes only', () => {
    const backing = new Int32Array([9, 8, 7, 6, 5]);
    const view = backing.subarray(1, 3);
    const back = decodeFrame(encodeFrame({ view })) as { view: Int32Array };
    assert.deepEqual(Array.from(back.view), [8, 7]);
    assert.equal(back.view.buffer.byteLength, 8, 'copy mode gives an exact-size buffer');
  });

  it('decodes without copying when asked and aligned, and copies when misaligned', () => {
    const frame = encodeFrame({ x: new Float64Array([1, 2]) });
    const aligned = decodeFrame(frame, { copy: false }) as { x: Float64Array };
    assert.equal(aligned.x.buffer, frame.buffer);
    const shifted = new Uint8Array(frame.length + 1);
    shifted.set(frame, 1);
    const misaligned = decodeFrame(shifted.subarray(1), { copy: false }) as { x: Float64Array };
    assert.notEqual(misaligned.x.buffer, shifted.buffer);
    assert.deepEqual(Array.from(misaligned.x), [1, 2]);
  });

  it('refuses what it cannot represent', () => {
    assert.throws(() => encodeFrame({ f: () => 1 }), CodecError);
    assert.throws(() => encodeFrame({ d: new Date(0) }), CodecError);
    assert.throws(() => encodeFrame({ m: new Map() }), CodecError);
    assert.throws(() => encodeFrame({ v: new DataView(new ArrayBuffer(4)) }), CodecError);
    assert.throws(() => encodeFrame({ b: 1n }), CodecError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => encodeFrame(cyclic), CodecError);
  });

  it('rejects malformed frames with CodecError, never another error', () => {
    const good = encodeFrame({ a: new Float32Array([1, 2, 3]) });
    const json = (text: string) => {
      const body = new TextEncoder().encode(text);
      const frame = new Uint8Array(12 + body.length + 16);
      frame.set([0x4b, 0x43, 0x46, 0x31, 1]);
      new DataView(frame.buffer).setUint32(8, body.length, true);
      frame.set(body, 12);
      return frame;
    };
    const cases: Uint8Array[] = [
      new Uint8Array(0),
      new Uint8Array([1, 2, 3]),
      good.slice(0, 20), // truncated JSON
      json('not json'),
      json('[1,2]'),
      json('{"v":{"$ta":0},"b":[]}'), // dangling reference
      json('{"v":{"$ta":0},"b":[["Float32Array",8,4]]}'), // inside the header
      json('{"v":{"$ta":0},"b":[["Float32Array",40,400000]]}'), // past the end
      json('{"v":{"$ta":0},"b":[["Float32Array",40,3]]}'), // not a whole element
      json('{"v":{"$ta":0},"b":[["Function",40,4]]}'),
      json('{"v":{"$num":"1e3"},"b":[]}'),
      json('{"v":{"$evil":1},"b":[]}'),
      json('{"v":' + '['.repeat(2000) + ']'.repeat(2000) + ',"b":[]}'),
    ];
    const flipped = good.slice();
    flipped[4] = 0; // big-endian flag on a little-endian machine
    cases.push(flipped);
    for (const [i, frame] of cases.entries())
      assert.throws(() => decodeFrame(frame), CodecError, `case ${i}`);
  });

  it('keeps __proto__ keys as data', () => {
    const back = decodeFrame(encodeFrame(JSON.parse('{"__proto__": {"polluted": 1}}'))) as object;
    assert.equal(({} as { polluted?: number }).polluted, undefined);
    assert.deepEqual(Object.keys(back), ['__proto__']);
  });
});
