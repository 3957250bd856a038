/**
 * The store every feature talks to, cut by aggregate: `store.reports`, `store.people`, and so
 * on, each a small interface of its own (see the files beside this one), plus what concerns
 * the whole store. Implementations: `memory/` (everything in memory; what tests use), the
 * lowdb store (`lowdb/`: the memory store, each collection also kept in a JSON file) and the
 * PostgreSQL store (`postgres/`) that several bot instances share.
 */
import type { AuditStore } from './audit.js';
import type { BotStateStore } from './bot-state.js';
import type { ConversationStore } from './conversations.js';
import type { FeedbackStore } from './feedback.js';
import type { PeopleStore } from './people.js';
import type { PolicyLinkStore } from './policy-links.js';
import type { PurgeCounts } from './purge.js';
import type { ReportStore } from './reports.js';
import type { RoleStore } from './roles.js';
import type { StoredData } from './stored-data.js';
import type { SummaryRunStore } from './summary-runs.js';

export type { CollectionName, StoredData } from './stored-data.js';
export { StoreError } from './errors.js';

/** What `/healthz` shows of the store. */
export interface StoreStatus {
  kind: string;
  ok: boolean;
  schemaVersion: number;
  location?: string;
  counts: Record<string, number>;
}

export interface Store {
  readonly reports: ReportStore;
  readonly people: PeopleStore;
  readonly feedback: FeedbackStore;
  readonly policyLinks: PolicyLinkStore;
  readonly audit: AuditStore;
  readonly roles: RoleStore;
  readonly conversations: ConversationStore;
  readonly summaryRuns: SummaryRunStore;
  /** Bot Framework conversation state; shared by the instances that share the store. */
  readonly botState: BotStateStore;

  status(): Promise<StoreStatus>;

  /**
   * What is held about one person, read in one consistent step, for a subject access
   * request: `id` is an Entra object id or an employee id, and the roster links the other
   * (see subject.ts for which records name a person).
   */
  subjectData(id: string): Promise<StoredData>;

  /**
   * Removes what is dated before `cutoff` (see purge.ts for which date counts for each kind of
   * record), in one step; with `dryRun`, only counts it.
   */
  purgeBefore(cutoff: string, dryRun?: boolean): Promise<PurgeCounts>;

  /** A copy of everything, taken between writes, so it is consistent across collections: for copying a store. */
  snapshot(): Promise<StoredData>;
  /**
   * Replaces whole collections in one step, between other writes: `change` gets a snapshot
   * and returns the collections to replace (none, to change nothing). For erasure, which
   * touches records of every kind.
   */
  rewrite(change: (data: StoredData) => Partial<StoredData>): Promise<void>;
  /** Writes a copy of every collection into `dir` (created) as lowdb files, between writes; returns the files written. */
  backupTo(dir: string): Promise<string[]>;

  /** Waits for pending writes to finish and lets go of the data. */
  close(): Promise<void>;
}
