/**
 * The records the bot keeps, in the council's words. These are plain data: every
 * feature and the FOI counting work on them without touching storage.
 */

/** The FOI question c list of council devices. */
export const DEVICES = ['basic-mobile', 'smartphone', 'tablet', 'laptop', 'desktop'] as const;
export type Device = (typeof DEVICES)[number];

/** A cohort answer: unknown until the person (or the roster) says. */
export type CohortAnswer = 'yes' | 'no' | 'unknown';

/** The two answers that decide whether someone is in the FOI cohort ("these employees"). */
export interface CohortAnswers {
  worksWithChildrenOrVulnerable: CohortAnswer;
  remoteOrFlexible: CohortAnswer;
}

/** A member of staff's own answers, keyed by their Teams (Entra ID) object id. */
export interface Profile extends CohortAnswers {
  aadObjectId: string;
  devices: Device[];
  updatedAt: string;
}

/** One row of the staff roster an FOI officer imports. */
export interface Employee {
  employeeId: string;
  name: string;
  email: string;
  /** Filled in once the person is seen in Teams, to link roster and profile. */
  aadObjectId?: string;
  worksWithChildrenOrVulnerable: 'yes' | 'no';
  remoteOrFlexible: 'yes' | 'no';
  managerId?: string;
  devices: Device[];
  updatedAt: string;
}

export const REPORT_STATUSES = ['open', 'acknowledged', 'resolved', 'withdrawn', 'void'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What the FOI question d list calls the tasks (a to h). */
export const TASK_CODES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
export type TaskCode = (typeof TASK_CODES)[number];

export const COMPLAINT_CAUSES = ['device-problem', 'accessing-information', 'training', 'other'] as const;
export type ComplaintCause = (typeof COMPLAINT_CAUSES)[number];

export const SHARED_WITH = ['child', 'vulnerable-adult-or-family', 'external-professional', 'other'] as const;
export type SharedWith = (typeof SHARED_WITH)[number];

export const TOLD_NOT_TO = ['yes', 'no', 'unsure'] as const;
export type ToldNotTo = (typeof TOLD_NOT_TO)[number];

export const SHARING_REASONS = ['no-council-phone', 'council-phone-not-working', 'out-of-hours', 'other'] as const;
export type SharingReason = (typeof SHARING_REASONS)[number];

/** A change of a report's status, kept for the audit trail. */
export interface StatusChange {
  status: ReportStatus;
  at: string;
  by: string;
}

interface ReportBase {
  /** Human reference, e.g. `DC-2026-000123`. */
  id: string;
  /** The id carried by the rendered card; a second submit of one card stores nothing new. */
  submissionId: string;
  /** ISO date-time the bot accepted it. */
  submittedAt: string;
  /** Teams (Entra ID) object id of the person who reported, or an employee id for imported records. */
  reporterId: string;
  status: ReportStatus;
  history: StatusChange[];
  source: 'teams' | 'import';
}

/** FOI question e: a council device stopped someone doing their work. */
export interface DeviceComplaint extends ReportBase {
  kind: 'device-complaint';
  device: Device;
  cause: ComplaintCause;
  blockedTasks: TaskCode[];
  /** Calendar date the problem happened (YYYY-MM-DD). */
  occurredOn: string;
  description: string;
  /** The reporter's cohort answers as they were when submitted. */
  cohort: CohortAnswers;
}

/** FOI question g: a personal mobile number shared for work. */
export interface NumberSharingReport extends ReportBase {
  kind: 'number-sharing';
  subject: 'self' | 'colleague';
  /** Who shared: the reporter for `self`; the named colleague's id, or absent when unnamed. */
  sharerId?: string;
  sharerName?: string;
  sharedWith: SharedWith;
  toldNotTo: ToldNotTo;
  reason: SharingReason;
  occurredOn: string;
  note: string;
  /** The sharer's cohort answers as known when submitted. */
  cohort: CohortAnswers;
}

export type Report = DeviceComplaint | NumberSharingReport;
export type ReportKind = Report['kind'];

/** A report before the store gives it its reference. */
export type NewReport = DistributiveOmit<Report, 'id'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Where to send proactive messages to one person, refreshed on every turn. */
export interface ConversationRecord {
  aadObjectId: string;
  /** A botbuilder `ConversationReference`, kept as plain JSON. */
  reference: Record<string, unknown>;
  updatedAt: string;
  /** Set when Teams answered 403 or 404: the app was removed; nothing more is sent. */
  goneAt?: string;
}

/** A policy question and what became of it, for the policy owner. */
export interface PolicyFeedback {
  id: string;
  at: string;
  /** Who asked, so that only they can say whether the answer helped. */
  askerId?: string;
  question: string;
  sectionId?: string;
  answered: boolean;
  helpful?: boolean;
  /**
   * The section the asker last opened from the sections the card offered besides its answer
   * (or instead of one): a sign the answer was not the one they needed, and where it was.
   */
  openedSectionId?: string;
}

/**
 * A question the policy owner attached, from "policy gaps", to the policy section that
 * answers it, or marked as not covered by the policy. One link per question, compared in
 * lower case without surrounding spaces (see policy-links.ts). Policy data the admins curate,
 * not a record about the person who asked, so the retention purge keeps it.
 */
export interface PolicyLink {
  id: string;
  question: string;
  /** The section id, or `out-of-scope` for a question the policy does not cover. */
  target: string;
  /** The admin's Teams (Entra ID) object id. */
  linkedBy: string;
  /** ISO date-time. */
  linkedAt: string;
}

/** Who did what, for actions that change data or were refused. */
export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  target?: string;
  outcome: 'done' | 'refused';
  detail?: string;
}

/** A role an admin can grant in the bot; the ids in config hold these roles regardless. */
export const GRANTABLE_ROLES = ['admin', 'foi-officer'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** A role given with the "role add" command, on top of the ids in config. */
export interface RoleGrant {
  aadObjectId: string;
  role: GrantableRole;
  grantedBy: string;
  grantedAt: string;
}

/** What happened to one manager in a summary run. */
export interface SummaryDelivery {
  /**
   * Who it was for: a manager's Teams (Entra ID) object id, `employee:<id>` for a manager not
   * yet seen in Teams, or `council:<object id>` for an FOI officer's council summary.
   */
  managerId: string;
  /**
   * `sending` is written before the card goes out and replaced by the outcome after, so a run
   * resumed after a crash knows the card may have gone and does not send it again.
   */
  outcome: 'sending' | 'sent' | 'skipped' | 'failed';
  /** Why it was skipped or failed (a reason code, never personal data). */
  reason?: string;
  at: string;
}

/** One scheduled summary run, keyed by the time it was scheduled for. */
export interface SummaryRun {
  /** The scheduled time (ISO); one run per scheduled time, however often the bot restarts. */
  runKey: string;
  startedAt: string;
  finishedAt?: string;
  deliveries: SummaryDelivery[];
}
