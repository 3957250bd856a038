/** The audit trail held in memory, in partitions (see entries.ts): only ever added to. */
import type { AuditStore } from '../audit.js';
import type { AuditEntry } from '../types.js';
import { copy } from './collection.js';
import type { PartitionedEntries } from './entries.js';

export class MemoryAudit implements AuditStore {
  readonly #audit: PartitionedEntries<AuditEntry>;

  constructor(audit: PartitionedEntries<AuditEntry>) {
    this.#audit = audit;
  }

  add(entry: AuditEntry): Promise<void> {
    return this.#audit.append(copy(entry));
  }
}
