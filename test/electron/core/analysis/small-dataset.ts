/**
 * @file A literal 3-D two-cluster dataset (unit 7: 10 spikes, unit 3: 8 spikes) whose metrics were
 * computed with numpy/scipy replicas of SpikeInterface's code (values hard-coded in the tests).
 */

import { fromRows } from './gaussian-blobs.js';

export const SELF_ROWS = [
  [1.0, 2.0, 0.5],
  [1.5, 1.0, 0.0],
  [0.2, 2.5, 1.0],
  [1.1, 1.9, -0.3],
  [0.7, 2.2, 0.4],
  [1.9, 1.4, 0.9],
  [0.4, 1.1, 0.1],
  [1.3, 2.8, -0.5],
  [0.9, 1.6, 0.6],
  [1.6, 2.1, 0.2],
];
export const OTHER_ROWS = [
  [3.0, 0.5, 1.0],
  [2.5, 0.0, 1.5],
  [3.5, 1.0, 0.5],
  [2.0, 1.2, 2.0],
  [4.0, -0.5, 1.2],
  [2.8, 0.9, 0.1],
  [1.2, 1.8, 0.3],
  [3.3, 0.2, 1.9],
];

/** Unit 7 first, then unit 3. */
export const SMALL = fromRows([
  [7, SELF_ROWS],
  [3, OTHER_ROWS],
]);

/** numpy/scipy results for unit 7 (see the file header). */
export const SMALL_EXPECTED = {
  isolationDistance: 46.19937946781548,
  lRatio: 0.10039938718917733,
  silhouette: 0.6218047390139714,
  nnHitRate: 0.75,
  nnMissRate: 0.25,
  dPrime: 2.8251408970032346,
};
