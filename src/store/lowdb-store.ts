/**
 * The store over lowdb: one JSON file per collection in the data directory, each
 * `{ "schemaVersion": 1, "items": [...] }`. lowdb's file adapter writes a temporary
 * file and renames it, so a crash never leaves a half-written file; every change goes
 * through one queue, so read-modify-write never interleaves.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { REFERENCE_PREFIX, StoreError, type ReportFilter, type Store, type StoreStatus } from './store.js';
import type {
  AuditEntry,
  ConversationRecord,
  Employee,
  NewReport,
  PolicyFeedback,
  Profile,
  Report,
  ReportStatus,
  GrantableRole,
  RoleGrant,
  SummaryDelivery,
  SummaryRun
} from './types.js';

export const SCHEMA_VERSION = 1;

interface CollectionFile<T> {
  schemaVersion: number;
  items: T[];
}

interface Collections {
  profiles: Profile;
  employees: Employee;
  reports: Report;
  conversations: ConversationRecord;
  feedback: PolicyFeedback;
  audit: AuditEntry;
  roles: RoleGrant;
  summaryRuns: SummaryRun;
}
type CollectionName = keyof Collections;
const COLLECTIONS: CollectionName[] = ['profiles', 'employees', 'reports', 'conversations', 'feedback', 'audit', 'roles', 'summaryRuns'];

type AdapterFactory = (name: CollectionName) => Adapter<CollectionFile<unknown>>;

/** Runs async tasks one at a time, in order. */
class Queue {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

class LowStore implements Store {
  readonly #dbs: { [K in CollectionName]: Low<CollectionFile<Collections[K]>> };
  readonly #queue = new Queue();
  readonly #kind: string;
  readonly #location?: string;
  readonly #reportsBySubmission = new Map<string, Report>();
  readonly #reportsById = new Map<string, Report>();
  readonly #lastSequence = new Map<string, number>();

  constructor(kind: string, adapters: AdapterFactory, location?: string) {
    this.#kind = kind;
    this.#location = location;
    const low = <K extends CollectionName>(name: K) =>
      new Low(adapters(name) as Adapter<CollectionFile<Collections[K]>>, { schemaVersion: SCHEMA_VERSION, items: [] });
    this.#dbs = {
      profiles: low('profiles'),
      employees: low('employees'),
      reports: low('reports'),
      conversations: low('conversations'),
      feedback: low('feedback'),
      audit: low('audit'),
      roles: low('roles'),
      summaryRuns: low('summaryRuns')
    };
  }

  /** Reads every collection; refuses (and writes nothing) if any file is unreadable or not ours. */
  async open(): Promise<this> {
    for (const name of COLLECTIONS) {
      const db = this.#dbs[name];
      try {
        await db.read();
      } catch (error) {
        throw new StoreError(`cannot read ${this.#describe(name)}: ${(error as Error).message}. Fix or restore the file; it has not been changed.`, { cause: error });
      }
      const data = db.data as unknown;
      if (!isCollectionFile(data)) {
        throw new StoreError(`${this.#describe(name)} is not a data file of this bot (expected {"schemaVersion", "items": [...]}). It has not been changed.`);
      }
      if (data.schemaVersion > SCHEMA_VERSION) {
        throw new StoreError(`${this.#describe(name)} has schema version ${data.schemaVersion}, newer than this bot's ${SCHEMA_VERSION}. Upgrade the bot; the file has not been changed.`);
      }
    }
    for (const report of this.#dbs.reports.data.items) this.#index(report);
    return this;
  }

  #describe(name: CollectionName): string {
    return this.#location ? path.join(this.#location, `${name}.json`) : `the ${name} collection`;
  }

  #index(report: Report): void {
    this.#reportsBySubmission.set(report.submissionId, report);
    this.#reportsById.set(report.id, report);
    const match = /^([A-Z]+-\d{4})-(\d+)$/.exec(report.id);
    if (match) this.#lastSequence.set(match[1], Math.max(this.#lastSequence.get(match[1]) ?? 0, Number(match[2])));
  }

  /** Applies a change to one collection and writes it, one change at a time. */
  #change<K extends CollectionName, T>(name: K, change: (items: Collections[K][]) => T): Promise<T> {
    return this.#queue.run(async () => {
      const db = this.#dbs[name];
      const result = change(db.data.items);
      db.data.schemaVersion = SCHEMA_VERSION;
      await db.write();
      return result;
    });
  }

  async status(): Promise<StoreStatus> {
    const counts: Record<string, number> = {};
    for (const name of COLLECTIONS) counts[name] = this.#dbs[name].data.items.length;
    return { kind: this.#kind, ok: true, schemaVersion: SCHEMA_VERSION, location: this.#location, counts };
  }

  async getProfile(aadObjectId: string): Promise<Profile | undefined> {
    return copy(this.#dbs.profiles.data.items.find((p) => p.aadObjectId === aadObjectId));
  }

  saveProfile(profile: Profile): Promise<void> {
    return this.#change('profiles', (items) => {
      const at = items.findIndex((p) => p.aadObjectId === profile.aadObjectId);
      if (at >= 0) items[at] = copy(profile);
      else items.push(copy(profile));
    });
  }

  async addReport(draft: NewReport): Promise<{ report: Report; created: boolean }> {
    const existing = this.#reportsBySubmission.get(draft.submissionId);
    if (existing) return { report: copy(existing), created: false };
    return this.#queue.run(async () => {
      // Checked again inside the queue: two submits of one card can arrive together.
      const again = this.#reportsBySubmission.get(draft.submissionId);
      if (again) return { report: copy(again), created: false };
      const series = `${REFERENCE_PREFIX[draft.kind]}-${draft.submittedAt.slice(0, 4)}`;
      const sequence = (this.#lastSequence.get(series) ?? 0) + 1;
      const report = { ...copy(draft), id: `${series}-${String(sequence).padStart(6, '0')}` } as Report;
      const db = this.#dbs.reports;
      db.data.items.push(report);
      this.#index(report);
      try {
        await db.write();
      } catch (error) {
        db.data.items.pop();
        this.#reportsBySubmission.delete(report.submissionId);
        this.#reportsById.delete(report.id);
        this.#lastSequence.set(series, sequence - 1);
        throw error;
      }
      return { report: copy(report), created: true };
    });
  }

  async getReport(id: string): Promise<Report | undefined> {
    return copy(this.#reportsById.get(id));
  }

  async listReports(filter: ReportFilter = {}): Promise<Report[]> {
    return this.#dbs.reports.data.items
      .filter((r) => (!filter.kind || r.kind === filter.kind) && (!filter.reporterId || r.reporterId === filter.reporterId))
      .map(copy);
  }

  setReportStatus(id: string, status: ReportStatus, by: string, at: string): Promise<Report | undefined> {
    return this.#change('reports', () => {
      const report = this.#reportsById.get(id);
      if (!report) return undefined;
      report.status = status;
      report.history.push({ status, at, by });
      return copy(report);
    });
  }

  upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }> {
    return this.#change('employees', (items) => {
      const byId = new Map(items.map((e, index) => [e.employeeId, index]));
      let added = 0;
      let updated = 0;
      for (const employee of employees) {
        const at = byId.get(employee.employeeId);
        if (at === undefined) {
          byId.set(employee.employeeId, items.push(copy(employee)) - 1);
          added++;
        } else {
          items[at] = { ...items[at], ...copy(employee) };
          updated++;
        }
      }
      return { added, updated };
    });
  }

  async listEmployees(): Promise<Employee[]> {
    return this.#dbs.employees.data.items.map(copy);
  }

  saveConversation(record: ConversationRecord): Promise<void> {
    return this.#change('conversations', (items) => {
      const at = items.findIndex((c) => c.aadObjectId === record.aadObjectId);
      if (at >= 0) items[at] = copy(record);
      else items.push(copy(record));
    });
  }

  async getConversation(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return copy(this.#dbs.conversations.data.items.find((c) => c.aadObjectId === aadObjectId));
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return this.#dbs.conversations.data.items.map(copy);
  }

  addFeedback(entry: PolicyFeedback): Promise<void> {
    return this.#change('feedback', (items) => {
      items.push(copy(entry));
    });
  }

  setFeedbackHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined> {
    return this.#change('feedback', (items) => {
      const entry = items.find((f) => f.id === id);
      if (entry) entry.helpful = helpful;
      return copy(entry);
    });
  }

  async listFeedback(): Promise<PolicyFeedback[]> {
    return this.#dbs.feedback.data.items.map(copy);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    return this.#dbs.roles.data.items.map(copy);
  }

  addRoleGrant(grant: RoleGrant): Promise<boolean> {
    return this.#change('roles', (items) => {
      if (items.some((g) => g.aadObjectId === grant.aadObjectId && g.role === grant.role)) return false;
      items.push(copy(grant));
      return true;
    });
  }

  removeRoleGrant(aadObjectId: string, role: GrantableRole): Promise<boolean> {
    return this.#change('roles', (items) => {
      const at = items.findIndex((g) => g.aadObjectId === aadObjectId && g.role === role);
      if (at < 0) return false;
      items.splice(at, 1);
      return true;
    });
  }

  startSummaryRun(runKey: string, at: string): Promise<SummaryRun> {
    return this.#change('summaryRuns', (items) => {
      let run = items.find((r) => r.runKey === runKey);
      if (!run) {
        run = { runKey, startedAt: at, deliveries: [] };
        items.push(run);
      }
      return copy(run);
    });
  }

  recordSummaryDelivery(runKey: string, delivery: SummaryDelivery): Promise<void> {
    return this.#change('summaryRuns', (items) => {
      const run = items.find((r) => r.runKey === runKey);
      if (!run) throw new StoreError(`no summary run ${runKey}`);
      const at = run.deliveries.findIndex((d) => d.managerId === delivery.managerId);
      if (at >= 0) run.deliveries[at] = copy(delivery);
      else run.deliveries.push(copy(delivery));
    });
  }

  finishSummaryRun(runKey: string, at: string): Promise<void> {
    return this.#change('summaryRuns', (items) => {
      const run = items.find((r) => r.runKey === runKey);
      if (run) run.finishedAt = at;
    });
  }

  async listSummaryRuns(): Promise<SummaryRun[]> {
    return this.#dbs.summaryRuns.data.items.map(copy);
  }

  addAudit(entry: AuditEntry): Promise<void> {
    return this.#change('audit', (items) => {
      items.push(copy(entry));
    });
  }

  async listAudit(): Promise<AuditEntry[]> {
    return this.#dbs.audit.data.items.map(copy);
  }

  close(): Promise<void> {
    return this.#queue.run(async () => undefined);
  }
}

function isCollectionFile(value: unknown): value is CollectionFile<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CollectionFile<unknown>).schemaVersion === 'number' &&
    Array.isArray((value as CollectionFile<unknown>).items)
  );
}

/** Callers get copies, so nothing outside the store can change what it holds. */
function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/**
 * Opens (creating if needed) the lowdb store in `dataDir`.
 * @throws StoreError when a file is unreadable or not the bot's; nothing is written then.
 */
export async function openLowdbStore(dataDir: string): Promise<Store> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create the data directory ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  const store = new LowStore('lowdb', (name) => new JSONFile(path.join(dataDir, `${name}.json`)), dataDir);
  return store.open();
}

/** The same store in memory, for tests. */
export async function openMemoryStore(): Promise<Store> {
  return new LowStore('memory', () => new Memory()).open();
}
