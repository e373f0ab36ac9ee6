/** @file A typed event emitter over the contract's event names. */
import { EventEmitter } from 'node:events';
import type { Contract } from '../../../shared/contract/contract.js';
import type { EventNames, PayloadOf } from '../../../shared/contract/define.js';

export class ContractEvents {
  private readonly emitter = new EventEmitter();
  emit<N extends EventNames<Contract>>(name: N, payload: PayloadOf<Contract[N]>): void {
    this.emitter.emit(name, payload);
  }
  on<N extends EventNames<Contract>>(
    name: N,
    listener: (payload: PayloadOf<Contract[N]>) => void,
  ): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
