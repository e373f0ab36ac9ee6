import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PerspectiveCamera } from 'three';
import type { ProbeGeometry, SpikeCloud } from '../../../../shared/contract/types.js';
import { CLUSTER_PALETTE, hexToRgb } from '../../../../renderer/ui/colors.js';
import { Random } from '../../../../shared/util/random.js';
import {
  cloudPositions,
  colorSlots,
  slotColors,
  lassoSpikes,
  niceStep,
  pointsByCluster,
  probeOutline,
  sceneTransform,
  selectedSubset,
} from '../../../../renderer/views/probe3d/probe3d-data.js';

/** Two shanks of 4 contacts, 20 µm pitch, shank 1 offset by 250 µm. */
const geometry: ProbeGeometry = {
  positions: Float32Array.from([0, 0, 16, 20, 0, 40, 16, 60, 250, 0, 266, 20, 250, 40, 266, 60]),
  channelMap: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
  shanks: Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
};

test('nice tick steps', () => {
  assert.equal(niceStep(3840, 8), 500);
  assert.equal(niceStep(60, 8), 10);
  assert.equal(niceStep(100, 10), 10);
  assert.equal(niceStep(0, 8), 1);
});

test('probe outline: one padded rectangle per shank, depth ticks over the contacts', () => {
  const o = probeOutline(geometry, 10);
  assert.deepEqual(o.shanks, [
    { shank: 0, x0: -10, x1: 26, y0: -10, y1: 70 },
    { shank: 1, x0: 240, x1: 276, y0: -10, y1: 70 },
  ]);
  assert.deepEqual(o.depthTicks, [0, 10, 20, 30, 40, 50, 60]);
  assert.equal(o.contacts.length, 16);
});

test('scene transform maps the third axis onto half the probe extent', () => {
  const o = probeOutline(geometry, 10);
  const t = sceneTransform(o, [100, 300]);
  // Extent = max(276 - -10, 60 - 0) = 286; z span 200 -> scale 143 / 200.
  assert.ok(Math.abs(t.zScale - 143 / 200) < 1e-12);
  const cloud: SpikeCloud = {
    revision: 1,
    spikes: null,
    sampled: true,
    x: Float32Array.from([1, 2]),
    y: Float32Array.from([3, 4]),
    z: Float32Array.from([100, 300]),
    clusters: Int32Array.from([0, 0]),
    zRange: [100, 300],
  };
  const p = cloudPositions(cloud, t);
  assert.deepEqual([...p], [1, 3, 0, 2, 4, 143]);
  assert.deepEqual([...colorSlots(Int32Array.from([4, 9, 4, 2]), [9, 4])], [1, 0, 1, -1]);
});

test('lasso returns every spike of the target clusters inside the polygon, and only those', () => {
  const rnd = new Random(11);
  const n = 5000;
  const cloud: SpikeCloud = {
    revision: 3,
    spikes: new Uint32Array(n),
    sampled: false,
    x: new Float32Array(n),
    y: new Float32Array(n),
    z: new Float32Array(n),
    clusters: new Int32Array(n),
    zRange: [0, 1],
  };
  for (let i = 0; i < n; i++) {
    cloud.spikes![i] = 10 * i + 3;
    cloud.x[i] = rnd.uniform(-100, 100);
    cloud.y[i] = rnd.uniform(-100, 100);
    cloud.z[i] = 0;
    cloud.clusters[i] = rnd.int(3);
  }
  const t = { zMin: 0, zScale: 1, bounds: [0, 0, 0, 0, 0, 0] as const };
  const pos = cloudPositions(cloud, t);
  // Camera straight down the z axis: screen x grows with x, screen y decreases with y.
  const cam = new PerspectiveCamera(60, 1, 1, 2000);
  cam.position.set(0, 0, 500);
  cam.lookAt(0, 0, 0);
  cam.updateMatrixWorld();
  const mvp = cam.projectionMatrix.clone().multiply(cam.matrixWorldInverse).elements;
  // The screen-space square covering the scene's right half (x > 0), all y.
  const poly = [400, 0, 800, 0, 800, 800, 400, 800];
  const got = lassoSpikes(cloud, pos, [1, 2], mvp, 800, 800, poly);
  const want: number[] = [];
  for (let i = 0; i < n; i++)
    if (cloud.x[i]! > 0 && cloud.clusters[i]! !== 0) want.push(cloud.spikes![i]!);
  assert.deepEqual([...got], want);
  assert.throws(() => lassoSpikes({ ...cloud, sampled: true }, pos, [1], mvp, 800, 800, poly));
});

test('points grouped by cluster, and a selection taken out of a larger cloud', () => {
  const rng = new Random(5);
  const n = 2000;
  const ids = [3, 17, 42, 1000, 7];
  const cloud: SpikeCloud = {
    revision: 4,
    spikes: Uint32Array.from({ length: n }, (_, i) => 10 * i + 1),
    sampled: true,
    x: Float32Array.from({ length: n }, () => rng.uniform(0, 50)),
    y: Float32Array.from({ length: n }, () => rng.uniform(0, 3000)),
    z: Float32Array.from({ length: n }, () => rng.uniform(-5, 5)),
    clusters: Int32Array.from({ length: n }, () => ids[rng.int(ids.length)]!),
    zRange: [-5, 5],
  };
  const positions = Float32Array.from({ length: 3 * n }, () => rng.uniform(-1, 1));
  const groups = pointsByCluster(cloud.clusters);
  // Brute force: each group is the ascending list of the points of that cluster.
  for (const id of ids) {
    const want = [...cloud.clusters.keys()].filter((i) => cloud.clusters[i] === id);
    assert.deepEqual(Array.from(groups.get(id)!), want);
  }
  const selected = [42, 999, 3]; // 999 has no points
  const sub = selectedSubset(cloud, positions, groups, selected);
  const want = selected.flatMap((id, slot) =>
    [...cloud.clusters.keys()].filter((i) => cloud.clusters[i] === id).map((i) => [i, slot]),
  );
  assert.equal(sub.cloud.x.length, want.length);
  want.forEach(([i, slot], k) => {
    assert.equal(sub.cloud.spikes![k], cloud.spikes![i!]);
    assert.equal(sub.cloud.clusters[k], cloud.clusters[i!]);
    assert.equal(sub.cloud.z[k], cloud.z[i!]);
    assert.deepEqual(
      Array.from(sub.positions.subarray(3 * k, 3 * k + 3)),
      Array.from(positions.subarray(3 * i!, 3 * i! + 3)),
    );
    assert.equal(sub.slots[k], slot);
  });
  assert.equal(sub.cloud.sampled, true);
  assert.equal(sub.cloud.revision, 4);
  const zs = want.map(([i]) => cloud.z[i!]!);
  assert.deepEqual(sub.cloud.zRange, [Math.min(...zs), Math.max(...zs)]);
  // The slots match what colorSlots gives for the same clusters.
  assert.deepEqual(Array.from(sub.slots), Array.from(colorSlots(sub.cloud.clusters, selected)));
});

test('slotColors: the palette colour of each slot (wrapping), white for -1, the given alpha', () => {
  const n = CLUSTER_PALETTE.length;
  const slots = Float32Array.of(0, 1, -1, n + 2);
  const out = slotColors(slots, 0.9);
  const want = [
    ...hexToRgb(CLUSTER_PALETTE[0]!),
    0.9,
    ...hexToRgb(CLUSTER_PALETTE[1]!),
    0.9,
    1,
    1,
    1,
    0.9,
    ...hexToRgb(CLUSTER_PALETTE[2]!),
    0.9,
  ];
  assert.deepEqual(Array.from(out), Array.from(Float32Array.from(want)));
});
