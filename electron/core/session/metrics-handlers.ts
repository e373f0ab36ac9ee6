/** @file Handlers of the metrics operations (shared/contract/metrics-operations.ts). */
import type { Handlers } from '../../../shared/contract/define.js';
import type { metricsOperations } from '../../../shared/contract/metrics-operations.js';
import type { ContractEvents } from './contract-events.js';
import type { Session } from './session.js';

export function createMetricsHandlers(
  _need: () => Session,
  _events: ContractEvents,
): Handlers<typeof metricsOperations> {
  return {};
}
