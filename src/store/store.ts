/**
 * The store interface every feature talks to. Implementations: the lowdb store (a JSON
 * file per collection, the default), the same store over lowdb's in-memory adapter for
 * tests, and the PostgreSQL store that several bot instances share.
 */
import type {
  AuditEntry,
  ConversationRecord,
  Employee,
  NewReport,
  PolicyFeedback,
  Profile,
  Report,
  ReportKind,
  ReportStatus,
  RoleGrant,
  GrantableRole,
  SummaryDelivery,
  SummaryRun
} from './types.js';
import type { PurgeCounts } from './purge.js';

export interface ReportFilter {
  kind?: ReportKind;
  reporterId?: string;
  /** Only reports with one of these statuses. */
  statuses?: readonly ReportStatus[];
  /** Only reports submitted at or after this instant (ISO date-time). */
  submittedFrom?: string;
  /** Only reports submitted before this instant (ISO date-time, exclusive). */
  submittedBefore?: string;
}

/** Every collection the store keeps, by name: what a snapshot, a rewrite and a backup hold. */
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

/** What `/healthz` shows of the store. */
export interface StoreStatus {
  kind: string;
  ok: boolean;
  schemaVersion: number;
  location?: string;
  counts: Record<string, number>;
}

export interface Store {
  status(): Promise<StoreStatus>;

  getProfile(aadObjectId: string): Promise<Profile | undefined>;
  saveProfile(profile: Profile): Promise<void>;
  /** Every profile, e.g. for the FOI figures. */
  listProfiles(): Promise<Profile[]>;

  /**
   * Stores a report once per `submissionId` and gives it its reference.
   * @returns the stored report and whether this call created it (false for a repeat).
   */
  addReport(report: NewReport): Promise<{ report: Report; created: boolean }>;
  getReport(id: string): Promise<Report | undefined>;
  /** The report stored for a card's `submissionId`, found without reading every report. */
  getReportBySubmission(submissionId: string): Promise<Report | undefined>;
  listReports(filter?: ReportFilter): Promise<Report[]>;
  /**
   * The reports one at a time, in the order they were stored, without holding them all:
   * for figures over the whole history, whose memory must not grow with it.
   */
  streamReports(filter?: ReportFilter): AsyncIterable<Report>;
  /** Sets a report's status and records who changed it; undefined when there is no such report. */
  setReportStatus(id: string, status: ReportStatus, by: string, at: string): Promise<Report | undefined>;

  upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }>;
  /**
   * Gives a roster row its Teams object id, changing nothing else (a roster import may be
   * running meanwhile); false when there is no such row or it is linked already.
   */
  linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean>;
  listEmployees(): Promise<Employee[]>;
  /** One roster row by employee id, without copying the whole roster. */
  getEmployee(employeeId: string): Promise<Employee | undefined>;
  /** One roster row by Teams (Entra ID) object id, any case, without copying the whole roster. */
  getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined>;

  saveConversation(record: ConversationRecord): Promise<void>;
  getConversation(aadObjectId: string): Promise<ConversationRecord | undefined>;
  listConversations(): Promise<ConversationRecord[]>;

  addFeedback(entry: PolicyFeedback): Promise<void>;
  setFeedbackHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined>;
  listFeedback(): Promise<PolicyFeedback[]>;

  listRoleGrants(): Promise<RoleGrant[]>;
  /** Adds a grant; false when the person already had that role granted. */
  addRoleGrant(grant: RoleGrant): Promise<boolean>;
  /** Removes a grant; false when there was none. */
  removeRoleGrant(aadObjectId: string, role: GrantableRole): Promise<boolean>;

  /** Returns the run for `runKey`, creating it when it does not exist yet. */
  startSummaryRun(runKey: string, at: string): Promise<SummaryRun>;
  /**
   * Records that the run is sending to one manager, unless anything is recorded for them
   * already: only one caller (of every instance sharing the store) gets true and sends.
   */
  claimSummaryDelivery(runKey: string, managerId: string, at: string): Promise<boolean>;
  /** Records (or replaces) what happened to one manager in a run. */
  recordSummaryDelivery(runKey: string, delivery: SummaryDelivery): Promise<void>;
  finishSummaryRun(runKey: string, at: string): Promise<void>;
  listSummaryRuns(): Promise<SummaryRun[]>;

  addAudit(entry: AuditEntry): Promise<void>;
  listAudit(): Promise<AuditEntry[]>;

  /**
   * Removes what is dated before `cutoff` (see purge.ts for which date counts for each kind of
   * record), in one step; with `dryRun`, only counts it.
   */
  purgeBefore(cutoff: string, dryRun?: boolean): Promise<PurgeCounts>;

  /** A copy of everything, taken between writes, so it is consistent across collections. */
  snapshot(): Promise<StoredData>;
  /**
   * Replaces whole collections in one step, between other writes: `change` gets a snapshot
   * and returns the collections to replace. For retention and erasure, which touch many records.
   */
  rewrite(change: (data: StoredData) => Partial<StoredData>): Promise<void>;
  /** Writes a copy of every collection file into `dir` (created), between writes; returns the files written. */
  backupTo(dir: string): Promise<string[]>;

  /** Waits for pending writes to finish. */
  close(): Promise<void>;
}

/** Thrown when a data file cannot be read or is not the bot's; the file is left untouched. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`store: ${message}`, options);
    this.name = 'StoreError';
  }
}

/** Reference prefixes, e.g. `DC-2026-000123`. */
export const REFERENCE_PREFIX: Record<ReportKind, string> = {
  'device-complaint': 'DC',
  'number-sharing': 'NS'
};
