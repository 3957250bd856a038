/**
 * The store over lowdb: one JSON file per collection in the data directory, each
 * `{ "schemaVersion": 1, "items": [...] }`, except reports, which are split over numbered
 * files in `reports/` so that a submission's write does not grow with the history (see
 * `report-files.ts`). lowdb's file adapter writes a temporary file and renames it, so a
 * crash never leaves a half-written file. Every change is made in memory at once (so
 * read-modify-write never interleaves) and then written; changes that arrive while a file
 * is being written go out together in its next write.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CoalescedWrites } from './coalesced-writes.js';
import { readCollectionFile, SCHEMA_VERSION, type CollectionFile } from './collection-file.js';
import { backupTo } from './backup-files.js';
import { purge, purgedTotal, type PurgeCounts } from './purge.js';
import { migrateSingleReportsFile, reportFileName, reportFileNumbers, REPORTS_DIR, REPORTS_PER_FILE } from './report-files.js';
import { REFERENCE_PREFIX, StoreError, type ReportFilter, type Store, type StoreStatus, type StoredData } from './store.js';
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

export { SCHEMA_VERSION };

/** The collections kept one file each; reports have their own files. */
type CollectionName = Exclude<keyof StoredData, 'reports'>;
/** One record of each collection. */
type Collections = { [K in CollectionName]: StoredData[K][number] };
const COLLECTIONS: CollectionName[] = ['profiles', 'employees', 'conversations', 'feedback', 'audit', 'roles', 'summaryRuns'];

/** Where the store's files are: lowdb adapters, and names for messages. */
interface Files {
  collection(name: CollectionName): Adapter<CollectionFile<unknown>>;
  reportFile(number: number): Adapter<CollectionFile<unknown>>;
  /** The numbers of the report files there are, in order. */
  reportFileNumbers(): Promise<number[]>;
  describe(name: CollectionName | number): string;
}

/** One lowdb file and its writes. */
interface DataFile<T> {
  db: Low<CollectionFile<T>>;
  writes: CoalescedWrites;
}

/** One file of reports. */
interface ReportFile extends DataFile<Report> {
  number: number;
}

function dataFile<T>(adapter: Adapter<CollectionFile<unknown>>): DataFile<T> {
  const db = new Low(adapter as Adapter<CollectionFile<T>>, { schemaVersion: SCHEMA_VERSION, items: [] });
  return { db, writes: new CoalescedWrites(() => db.write()) };
}

class LowStore implements Store {
  readonly #files: { [K in CollectionName]: DataFile<Collections[K]> };
  readonly #reportFiles: ReportFile[] = [];
  readonly #source: Files;
  readonly #kind: string;
  readonly #location?: string;
  readonly #reportsPerFile: number;
  readonly #reportsBySubmission = new Map<string, Report>();
  readonly #reportsById = new Map<string, Report>();
  readonly #reportFileOf = new Map<Report, ReportFile>();
  /** Writes of new reports not yet finished, by submission id, so a repeat waits for the first. */
  readonly #reportsBeingWritten = new Map<string, Promise<void>>();
  readonly #lastSequence = new Map<string, number>();

  constructor(kind: string, files: Files, reportsPerFile: number, location?: string) {
    this.#kind = kind;
    this.#source = files;
    this.#location = location;
    this.#reportsPerFile = reportsPerFile;
    const file = <K extends CollectionName>(name: K) => dataFile<Collections[K]>(files.collection(name));
    this.#files = {
      profiles: file('profiles'),
      employees: file('employees'),
      conversations: file('conversations'),
      feedback: file('feedback'),
      audit: file('audit'),
      roles: file('roles'),
      summaryRuns: file('summaryRuns')
    };
  }

  /** Reads every file; refuses (and writes nothing) if any is unreadable or not ours. */
  async open(): Promise<this> {
    for (const name of COLLECTIONS) await this.#read<unknown>(this.#files[name] as DataFile<unknown>, name);
    for (const number of await this.#source.reportFileNumbers()) {
      const file = { ...dataFile<Report>(this.#source.reportFile(number)), number };
      await this.#read(file, number);
      this.#reportFiles.push(file);
      for (const report of file.db.data.items) this.#index(report, file);
    }
    return this;
  }

  async #read<T>(file: DataFile<T>, name: CollectionName | number): Promise<void> {
    const data = await readCollectionFile(() => file.db.read().then(() => file.db.data), this.#source.describe(name));
    if (data) file.db.data = data as CollectionFile<T>;
  }

  #index(report: Report, file: ReportFile): void {
    this.#reportsBySubmission.set(report.submissionId, report);
    this.#reportsById.set(report.id, report);
    this.#reportFileOf.set(report, file);
    const match = /^([A-Z]+-\d{4})-(\d+)$/.exec(report.id);
    if (match) this.#lastSequence.set(match[1], Math.max(this.#lastSequence.get(match[1]) ?? 0, Number(match[2])));
  }

  #unindex(report: Report): void {
    this.#reportsBySubmission.delete(report.submissionId);
    this.#reportsById.delete(report.id);
    this.#reportFileOf.delete(report);
  }

  /** The newest report file, or a new one when it is full. */
  #fileForNewReport(): ReportFile {
    const newest = this.#reportFiles.at(-1);
    if (newest && newest.db.data.items.length < this.#reportsPerFile) return newest;
    const number = (newest?.number ?? 0) + 1;
    const file = { ...dataFile<Report>(this.#source.reportFile(number)), number };
    this.#reportFiles.push(file);
    return file;
  }

  *#reports(): Iterable<Report> {
    for (const file of this.#reportFiles) yield* file.db.data.items;
  }

  /** Applies a change to one collection in memory and waits until it is written. */
  async #change<K extends CollectionName, T>(name: K, change: (items: Collections[K][]) => T): Promise<T> {
    const file = this.#files[name];
    const result = change(file.db.data.items);
    file.db.data.schemaVersion = SCHEMA_VERSION;
    await file.writes.request();
    return result;
  }

  async status(): Promise<StoreStatus> {
    const counts: Record<string, number> = {};
    for (const name of COLLECTIONS) counts[name] = this.#files[name].db.data.items.length;
    counts.reports = this.#reportsById.size;
    return { kind: this.#kind, ok: true, schemaVersion: SCHEMA_VERSION, location: this.#location, counts };
  }

  async getProfile(aadObjectId: string): Promise<Profile | undefined> {
    return copy(this.#files.profiles.db.data.items.find((p) => p.aadObjectId === aadObjectId));
  }

  saveProfile(profile: Profile): Promise<void> {
    return this.#change('profiles', (items) => {
      const at = items.findIndex((p) => p.aadObjectId === profile.aadObjectId);
      if (at >= 0) items[at] = copy(profile);
      else items.push(copy(profile));
    });
  }

  async listProfiles(): Promise<Profile[]> {
    return copy(this.#files.profiles.db.data.items);
  }

  async addReport(draft: NewReport): Promise<{ report: Report; created: boolean }> {
    // Two submits of one card can arrive together: the repeat waits for the first's write.
    await this.#reportsBeingWritten.get(draft.submissionId)?.catch(() => undefined);
    const existing = this.#reportsBySubmission.get(draft.submissionId);
    if (existing) return { report: copy(existing), created: false };
    const series = `${REFERENCE_PREFIX[draft.kind]}-${draft.submittedAt.slice(0, 4)}`;
    const sequence = (this.#lastSequence.get(series) ?? 0) + 1;
    const report = { ...copy(draft), id: `${series}-${String(sequence).padStart(6, '0')}` } as Report;
    const file = this.#fileForNewReport();
    file.db.data.items.push(report);
    file.db.data.schemaVersion = SCHEMA_VERSION;
    this.#index(report, file);
    const written = file.writes.request();
    this.#reportsBeingWritten.set(report.submissionId, written);
    try {
      await written;
    } catch (error) {
      file.db.data.items.splice(file.db.data.items.indexOf(report), 1);
      this.#unindex(report);
      if (this.#lastSequence.get(series) === sequence) this.#lastSequence.set(series, sequence - 1);
      throw error;
    } finally {
      this.#reportsBeingWritten.delete(report.submissionId);
    }
    return { report: copy(report), created: true };
  }

  async getReport(id: string): Promise<Report | undefined> {
    return copy(this.#reportsById.get(id));
  }

  async getReportBySubmission(submissionId: string): Promise<Report | undefined> {
    return copy(this.#reportsBySubmission.get(submissionId));
  }

  async listReports(filter: ReportFilter = {}): Promise<Report[]> {
    return copy([...this.#reports()].filter((report) => matches(report, filter)));
  }

  async *streamReports(filter: ReportFilter = {}): AsyncIterable<Report> {
    // The files as they are now: a report added while the caller reads comes after it.
    const files = this.#reportFiles.map((file) => file.db.data.items.slice());
    for (const items of files) for (const report of items) if (matches(report, filter)) yield copy(report);
  }

  async setReportStatus(id: string, status: ReportStatus, by: string, at: string): Promise<Report | undefined> {
    const report = this.#reportsById.get(id);
    const file = report && this.#reportFileOf.get(report);
    if (!report || !file) return undefined;
    report.status = status;
    report.history.push({ status, at, by });
    file.db.data.schemaVersion = SCHEMA_VERSION;
    await file.writes.request();
    return copy(report);
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
    return copy(this.#files.employees.db.data.items);
  }

  linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean> {
    return this.#change('employees', (items) => {
      const at = items.findIndex((e) => e.employeeId === employeeId);
      if (at < 0 || items[at].aadObjectId) return false;
      items[at] = { ...items[at], aadObjectId };
      return true;
    });
  }

  async getEmployee(employeeId: string): Promise<Employee | undefined> {
    return copy(this.#files.employees.db.data.items.find((e) => e.employeeId === employeeId));
  }

  async getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined> {
    const id = aadObjectId.toLowerCase();
    return copy(this.#files.employees.db.data.items.find((e) => e.aadObjectId?.toLowerCase() === id));
  }

  saveConversation(record: ConversationRecord): Promise<void> {
    return this.#change('conversations', (items) => {
      const at = items.findIndex((c) => c.aadObjectId === record.aadObjectId);
      if (at >= 0) items[at] = copy(record);
      else items.push(copy(record));
    });
  }

  async getConversation(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return copy(this.#files.conversations.db.data.items.find((c) => c.aadObjectId === aadObjectId));
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return copy(this.#files.conversations.db.data.items);
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
    return copy(this.#files.feedback.db.data.items);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    return copy(this.#files.roles.db.data.items);
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

  claimSummaryDelivery(runKey: string, managerId: string, at: string): Promise<boolean> {
    return this.#change('summaryRuns', (items) => {
      const run = items.find((r) => r.runKey === runKey);
      if (!run) throw new StoreError(`no summary run ${runKey}`);
      if (run.deliveries.some((d) => d.managerId === managerId)) return false;
      run.deliveries.push({ managerId, outcome: 'sending', at });
      return true;
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
    return copy(this.#files.summaryRuns.db.data.items);
  }

  addAudit(entry: AuditEntry): Promise<void> {
    return this.#change('audit', (items) => {
      items.push(copy(entry));
    });
  }

  async listAudit(): Promise<AuditEntry[]> {
    return copy(this.#files.audit.db.data.items);
  }

  async snapshot(): Promise<StoredData> {
    return this.#copyAll();
  }

  #copyAll(): StoredData {
    const collections = Object.fromEntries(COLLECTIONS.map((name) => [name, this.#files[name].db.data.items.map(copy)]));
    return { ...collections, reports: [...this.#reports()].map(copy) } as StoredData;
  }

  async purgeBefore(cutoff: string, dryRun = false): Promise<PurgeCounts> {
    let { counts } = purge(this.#copyAll(), cutoff);
    if (dryRun || purgedTotal(counts) === 0) return counts;
    await this.rewrite((data) => {
      const purged = purge(data, cutoff);
      counts = purged.counts;
      return purged.kept;
    });
    return counts;
  }

  async rewrite(change: (data: StoredData) => Partial<StoredData>): Promise<void> {
    // Snapshot, change and apply happen in one synchronous step, so no other change falls between.
    const replaced = change(this.#copyAll());
    const writes: Promise<void>[] = [];
    for (const name of COLLECTIONS) {
      const items = replaced[name];
      if (!items) continue;
      const file = this.#files[name] as DataFile<unknown>;
      file.db.data = { schemaVersion: SCHEMA_VERSION, items: items.map(copy) };
      writes.push(file.writes.request());
    }
    if (replaced.reports) writes.push(...this.#replaceReports(replaced.reports));
    await Promise.all(writes);
  }

  /** Puts each report back in the file it was in (by reference), dropping those not given. */
  #replaceReports(reports: Report[]): Promise<void>[] {
    const byId = new Map(reports.map((r) => [r.id, copy(r)]));
    if (reports.some((r) => !this.#reportsById.has(r.id))) throw new StoreError('a rewrite cannot add reports; use addReport');
    this.#reportsBySubmission.clear();
    this.#reportsById.clear();
    this.#reportFileOf.clear();
    // Sequences only go up: a purged reference is never handed out again while running.
    return this.#reportFiles.map((file) => {
      file.db.data = { schemaVersion: SCHEMA_VERSION, items: file.db.data.items.flatMap((r) => byId.get(r.id) ?? []) };
      for (const report of file.db.data.items) this.#index(report, file);
      return file.writes.request();
    });
  }

  async backupTo(dir: string): Promise<string[]> {
    // Taken in one synchronous step, so it is consistent across collections.
    return backupTo(dir, this.#copyAll(), this.#reportFiles.map((file) => file.db.data.items.map(copy)));
  }

  async close(): Promise<void> {
    const writes = [...Object.values(this.#files), ...this.#reportFiles].map((file) => file.writes);
    await Promise.all(writes.map((w) => w.idle()));
  }
}

/** Whether a report passes a {@link ReportFilter}. */
export function matches(report: Report, filter: ReportFilter): boolean {
  return (
    (!filter.kind || report.kind === filter.kind) &&
    (!filter.reporterId || report.reporterId === filter.reporterId) &&
    (!filter.statuses || filter.statuses.includes(report.status)) &&
    (!filter.submittedFrom || Date.parse(report.submittedAt) >= Date.parse(filter.submittedFrom)) &&
    (!filter.submittedBefore || Date.parse(report.submittedAt) < Date.parse(filter.submittedBefore))
  );
}

/**
 * Callers get copies, so nothing outside the store can change what it holds. A whole list
 * is copied in one call, which is about twice as fast as copying its items one by one.
 */
function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

export interface LowdbStoreOptions {
  /** Reports per file in `reports/` (default {@link REPORTS_PER_FILE}); tests use small ones. */
  reportsPerFile?: number;
}

/**
 * Opens (creating if needed) the lowdb store in `dataDir`, first moving the reports of a
 * single `reports.json` (the earlier layout) into `reports/`.
 * @throws StoreError when a file is unreadable or not the bot's; nothing is written then.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const reportsPerFile = options.reportsPerFile ?? REPORTS_PER_FILE;
  const reportsDir = path.join(dataDir, REPORTS_DIR);
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create the data directory ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  await migrateSingleReportsFile(dataDir, reportsPerFile);
  try {
    await mkdir(reportsDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create ${reportsDir}: ${(error as Error).message}`, { cause: error });
  }
  const files: Files = {
    collection: (name) => new JSONFile(path.join(dataDir, `${name}.json`)),
    reportFile: (number) => new JSONFile(path.join(reportsDir, reportFileName(number))),
    reportFileNumbers: () => reportFileNumbers(reportsDir),
    describe: (name) => (typeof name === 'number' ? path.join(reportsDir, reportFileName(name)) : path.join(dataDir, `${name}.json`))
  };
  return new LowStore('lowdb', files, reportsPerFile, dataDir).open();
}

/** The same store in memory, for tests. */
export async function openMemoryStore(options: LowdbStoreOptions = {}): Promise<Store> {
  const files: Files = {
    collection: () => new Memory(),
    reportFile: () => new Memory(),
    reportFileNumbers: async () => [],
    describe: (name) => (typeof name === 'number' ? `report file ${name}` : `the ${name} collection`)
  };
  return new LowStore('memory', files, options.reportsPerFile ?? REPORTS_PER_FILE).open();
}
