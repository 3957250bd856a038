/** Every collection the store keeps, by name: what a snapshot, a rewrite and a backup hold. */
import type { AuditEntry, ConversationRecord, Employee, PolicyFeedback, Profile, Report, RoleGrant, SummaryRun } from './types.js';

export interface StoredData {
  profiles: Profile[];
  employees: Employee[];
  reports: Report[];
  conversations: ConversationRecord[];
  feedback: PolicyFeedback[];
  audit: AuditEntry[];
  roles: RoleGrant[];
  summaryRuns: SummaryRun[];
}

export type CollectionName = keyof StoredData;
