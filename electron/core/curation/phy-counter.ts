/** @file Reads Phy's persisted id counter, `.phy/new_cluster_id.json` ({"new_cluster_id": N}). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readPhyCounter(datasetDir: string): number | undefined {
  try {
    const data = JSON.parse(
      readFileSync(join(datasetDir, '.phy', 'new_cluster_id.json'), 'utf8'),
    ) as unknown;
    const value = (data as { new_cluster_id?: unknown }).new_cluster_id;
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
