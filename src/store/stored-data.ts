/** Every collection the store keeps, by name: what a snapshot, a rewrite and a backup hold. */
import type { AuditEntry, ConversationRecord, Employee, PolicyFeedback, PolicyLink, Profile, Report, RoleGrant, SummaryRun } from './types.js';

export interface StoredData {
  profiles: Profile[];
  employees: Employee[];
  reports: Report[];
  conversations: ConversationRecord[];
  feedback: PolicyFeedback[];
  policyLinks: PolicyLink[];
  audit: AuditEntry[];
  roles: RoleGrant[];
  summaryRuns: SummaryRun[];
}

export type CollectionName = keyof StoredData;
