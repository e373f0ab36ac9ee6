/**
 * @file The pending merge or split waiting for the user's confirmation, with its preview (one
 * reactive object: the command flow fills it, PreviewDialog shows it).
 */
import type { ActionPreview } from '../../../shared/contract/view-types.js';

export interface PendingAction {
  kind: 'merge' | 'split';
  /** Merge: the clusters; split: the spikes (all spikes inside the lasso). */
  clusterIds: number[];
  spikes: Uint32Array<ArrayBuffer> | null;
  /** Where the lasso came from (split). */
  source: string;
  preview: ActionPreview | null;
  error: string;
}

export const pendingAction: { current: PendingAction | null } = $state({ current: null });
