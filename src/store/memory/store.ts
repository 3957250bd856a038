/**
 * The store held in memory: each aggregate over its collections (see the files beside this
 * one), and what concerns the whole store. Given collections kept only in memory, it is the
 * store tests use; given collections kept in files, it is the lowdb store (see ../lowdb/).
 */
import { backupTo } from '../backup-files.js';
import { SCHEMA_VERSION, type PartitionedCollection } from '../layout.js';
import { purge, purgedTotal, type PurgeCounts } from '../purge.js';
import type { Store, StoreStatus } from '../store.js';
import type { CollectionName, StoredData } from '../stored-data.js';
import { linkedIds, recordsNaming } from '../subject.js';
import { MemoryAudit } from './audit.js';
import { MemoryBotState } from './bot-state.js';
import { copy, type Collection, type Partitions } from './collection.js';
import { MemoryConversations } from './conversations.js';
import { PartitionedEntries } from './entries.js';
import { MemoryFeedback } from './feedback.js';
import { MemoryPeople } from './people.js';
import { MemoryPolicyLinks } from './policy-links.js';
import { MemoryReports, type ReportPartitions } from './reports.js';
import { MemoryRoles } from './roles.js';
import { MemorySummaryRuns } from './summary-runs.js';

/** The collections kept whole; reports, policy feedback and the audit trail are kept in partitions. */
export type WholeCollection = Exclude<CollectionName, PartitionedCollection>;
export const WHOLE_COLLECTIONS: readonly WholeCollection[] = ['profiles', 'employees', 'conversations', 'policyLinks', 'roles', 'summaryRuns'];

/** The partitioned collections other than reports: entries added with history, rarely changed. */
export type EntryCollection = Exclude<PartitionedCollection, 'reports'>;
export const ENTRY_COLLECTIONS: readonly EntryCollection[] = ['feedback', 'audit'];

/** What a memory store is made of. */
export interface MemorySource {
  /** `memory`, or `lowdb` when the collections are kept in files. */
  kind: string;
  /** Where the data is, for `/healthz`. */
  location?: string;
  collections: { [K in WholeCollection]: Collection<StoredData[K][number]> };
  reports: ReportPartitions;
  /** Policy feedback and audit entries, in partitions like the reports. */
  entries: { [K in EntryCollection]: Partitions<StoredData[K][number]> };
  /** Resolves once every collection is kept (for lowdb: no write running or waiting). */
  settled(): Promise<void>;
}

export class MemoryStore implements Store {
  readonly reports: MemoryReports;
  readonly people: MemoryPeople;
  readonly feedback: MemoryFeedback;
  readonly policyLinks: MemoryPolicyLinks;
  readonly audit: MemoryAudit;
  readonly roles: MemoryRoles;
  readonly conversations: MemoryConversations;
  readonly summaryRuns: MemorySummaryRuns;
  readonly botState = new MemoryBotState();
  readonly #source: MemorySource;
  readonly #entries: { [K in EntryCollection]: PartitionedEntries<StoredData[K][number]> };

  constructor(source: MemorySource) {
    const { collections } = source;
    this.#source = source;
    this.#entries = {
      feedback: new PartitionedEntries(source.entries.feedback, (entry) => entry.id),
      audit: new PartitionedEntries(source.entries.audit)
    };
    this.reports = new MemoryReports(source.reports);
    this.people = new MemoryPeople(collections.profiles, collections.employees);
    this.feedback = new MemoryFeedback(this.#entries.feedback);
    this.policyLinks = new MemoryPolicyLinks(collections.policyLinks);
    this.audit = new MemoryAudit(this.#entries.audit);
    this.roles = new MemoryRoles(collections.roles);
    this.conversations = new MemoryConversations(collections.conversations);
    this.summaryRuns = new MemorySummaryRuns(collections.summaryRuns);
  }

  async status(): Promise<StoreStatus> {
    const counts: Record<string, number> = {};
    for (const name of WHOLE_COLLECTIONS) counts[name] = this.#source.collections[name].items.length;
    for (const name of ENTRY_COLLECTIONS) counts[name] = this.#entries[name].count;
    counts.reports = this.reports.count;
    return { kind: this.#source.kind, ok: true, schemaVersion: SCHEMA_VERSION, location: this.#source.location, counts };
  }

  /** Everything as held (not copies); callers copy what they hand out. */
  #held(): StoredData {
    const whole = Object.fromEntries(WHOLE_COLLECTIONS.map((name) => [name, this.#source.collections[name].items]));
    return { ...whole, feedback: this.#entries.feedback.all(), audit: this.#entries.audit.all(), reports: this.reports.all() } as StoredData;
  }

  /** Every partition as held now (not copies), for a rewrite to put back and a backup to write as it is. */
  #partitions(): Record<PartitionedCollection, unknown[][]> {
    return { reports: this.reports.partitions(), feedback: this.#entries.feedback.partitions(), audit: this.#entries.audit.partitions() };
  }

  async subjectData(id: string): Promise<StoredData> {
    const held = this.#held();
    return copy(recordsNaming(held, linkedIds(held.employees, id)));
  }

  async purgeBefore(cutoff: string, dryRun = false): Promise<PurgeCounts> {
    let { counts } = purge(this.#held(), cutoff);
    if (dryRun || purgedTotal(counts) === 0) return counts;
    await this.rewrite((data) => {
      const purged = purge(data, cutoff);
      counts = purged.counts;
      return purged.kept;
    });
    return counts;
  }

  async snapshot(): Promise<StoredData> {
    return copy(this.#held());
  }

  async rewrite(change: (data: StoredData) => Partial<StoredData>): Promise<void> {
    // What each collection held, to put back if any file fails: a rewrite is kept whole or not at all.
    const before = { held: this.#held(), partitions: this.#partitions() };
    // Snapshot, change and apply happen in one synchronous step, so no other change falls between.
    const given = copy(this.#held());
    const replaced = change(given);
    const names = WHOLE_COLLECTIONS.filter((name) => replaced[name]);
    const kept: Promise<void>[] = [];
    for (const name of names) {
      const collection = this.#source.collections[name] as Collection<unknown>;
      collection.items = copy(replaced[name]!);
      kept.push(collection.keep());
    }
    if (replaced.reports) kept.push(...this.reports.replace(replaced.reports));
    const entryNames = ENTRY_COLLECTIONS.filter((name) => replaced[name]);
    for (const name of entryNames) {
      const entries = this.#entries[name] as PartitionedEntries<unknown>;
      kept.push(...entries.replace(replaced[name]!, given[name]));
    }
    const failed = (await Promise.allSettled(kept)).find((result) => result.status === 'rejected');
    if (!failed) return;
    // Some files took the change and one did not: write back what each held before.
    const undone: Promise<void>[] = [];
    for (const name of names) {
      const collection = this.#source.collections[name] as Collection<unknown>;
      collection.items = before.held[name];
      undone.push(collection.keep());
    }
    if (replaced.reports) undone.push(...this.reports.restore(before.partitions.reports as StoredData['reports'][]));
    for (const name of entryNames) undone.push(...(this.#entries[name] as PartitionedEntries<unknown>).restore(before.partitions[name]));
    await Promise.allSettled(undone);
    throw failed.reason;
  }

  async backupTo(dir: string): Promise<string[]> {
    // Copied in one synchronous step, so it is consistent across collections.
    const { data, partitions } = copy({ data: this.#held(), partitions: this.#partitions() });
    return backupTo(dir, data, partitions);
  }

  close(): Promise<void> {
    return this.#source.settled();
  }
}
