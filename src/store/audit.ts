/** The audit trail: who did what, for actions that change data or were refused. Only ever added to. */
import type { AuditEntry } from './types.js';

export interface AuditStore {
  add(entry: AuditEntry): Promise<void>;
}
