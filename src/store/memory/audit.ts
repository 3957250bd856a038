/** The audit trail held in memory. */
import type { AuditStore } from '../audit.js';
import type { AuditEntry } from '../types.js';
import { change, copy, type Collection } from './collection.js';

export class MemoryAudit implements AuditStore {
  readonly #audit: Collection<AuditEntry>;

  constructor(audit: Collection<AuditEntry>) {
    this.#audit = audit;
  }

  add(entry: AuditEntry): Promise<void> {
    return change(this.#audit, (items) => {
      items.push(copy(entry));
    });
  }
}
