/** @file Handlers of the view operations (shared/contract/view-operations.ts). */
import type { Handlers } from '../../../shared/contract/define.js';
import type { viewOperations } from '../../../shared/contract/view-operations.js';
import type { ContractEvents } from './contract-events.js';
import type { Session } from './session.js';

export function createViewHandlers(
  _need: () => Session,
  _events: ContractEvents,
): Handlers<typeof viewOperations> {
  return {};
}
