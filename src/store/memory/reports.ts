/**
 * Reports held in memory, split over numbered partitions of a bounded size: the lowdb store
 * keeps each partition in a file of its own, so a submission rewrites one small file however
 * long the history grows, and a status change rewrites only the file holding that report.
 * Indexes by reference and by submission id make the narrow reads direct.
 */
import { StoreError } from '../errors.js';
import { countReports, type FoiCountQuery, type FoiCounts } from '../report-counts.js';
import { matchesFilter, reference, referenceSeries, type ReportFilter, type ReportStore, type StatusUpdate, type StatusUpdateOutcome } from '../reports.js';
import type { NewReport, Report } from '../types.js';
import { copy, type Partition, type Partitions } from './collection.js';

/** Where the report partitions come from. */
export type ReportPartitions = Partitions<Report>;

export class MemoryReports implements ReportStore {
  readonly #partitions: Partition<Report>[] = [];
  readonly #source: ReportPartitions;
  readonly #bySubmission = new Map<string, Report>();
  readonly #byId = new Map<string, Report>();
  readonly #partitionOf = new Map<Report, Partition<Report>>();
  /** Writes of new reports not yet finished, by submission id, so a repeat waits for the first. */
  readonly #beingWritten = new Map<string, Promise<void>>();
  readonly #lastNumber = new Map<string, number>();

  constructor(source: ReportPartitions) {
    this.#source = source;
    for (const partition of source.existing) this.#adopt(partition);
  }

  /** Holds `partition` and indexes its reports, again whenever a failed write puts them back. */
  #adopt(partition: Partition<Report>): void {
    this.#partitions.push(partition);
    for (const report of partition.items) this.#index(report, partition);
    partition.restored = () => this.#reindex();
  }

  /** Indexes every report anew, in the same step that put a partition back (see collection.ts). */
  #reindex(): void {
    this.#bySubmission.clear();
    this.#byId.clear();
    this.#partitionOf.clear();
    for (const partition of this.#partitions) for (const report of partition.items) this.#index(report, partition);
  }

  #index(report: Report, partition: Partition<Report>): void {
    this.#bySubmission.set(report.submissionId, report);
    this.#byId.set(report.id, report);
    this.#partitionOf.set(report, partition);
    const match = /^([A-Z]+-\d{4})-(\d+)$/.exec(report.id);
    if (match) this.#lastNumber.set(match[1], Math.max(this.#lastNumber.get(match[1]) ?? 0, Number(match[2])));
  }

  /** The newest partition, or a new one when it is full. */
  #partitionForNewReport(): Partition<Report> {
    const newest = this.#partitions.at(-1);
    if (newest && newest.items.length < this.#source.size) return newest;
    const partition = this.#source.create((newest?.number ?? 0) + 1);
    this.#adopt(partition);
    return partition;
  }

  async add(draft: NewReport): Promise<{ report: Report; created: boolean }> {
    // Two submits of one card can arrive together: the repeat waits for the first's write.
    await this.#beingWritten.get(draft.submissionId)?.catch(() => undefined);
    const existing = this.#bySubmission.get(draft.submissionId);
    if (existing) return { report: copy(existing), created: false };
    const series = referenceSeries(draft);
    const number = (this.#lastNumber.get(series) ?? 0) + 1;
    const report = { ...copy(draft), id: reference(series, number) } as Report;
    const partition = this.#partitionForNewReport();
    partition.items.push(report);
    this.#index(report, partition);
    const written = partition.keep();
    this.#beingWritten.set(report.submissionId, written);
    try {
      await written;
    } catch (error) {
      // The failed write put the partition back and re-indexed it; the number may be given again.
      if (this.#lastNumber.get(series) === number) this.#lastNumber.set(series, number - 1);
      throw error;
    } finally {
      this.#beingWritten.delete(report.submissionId);
    }
    return { report: copy(report), created: true };
  }

  async get(id: string): Promise<Report | undefined> {
    return copy(this.#byId.get(id));
  }

  async getBySubmission(submissionId: string): Promise<Report | undefined> {
    return copy(this.#bySubmission.get(submissionId));
  }

  async list(filter: ReportFilter = {}): Promise<Report[]> {
    return copy(this.all().filter((report) => matchesFilter(report, filter)));
  }

  async *stream(filter: ReportFilter = {}): AsyncIterable<Report> {
    // The partitions as they are now: a report added while the caller reads comes after it.
    const partitions = this.partitions();
    for (const items of partitions) for (const report of items) if (matchesFilter(report, filter)) yield copy(report);
  }

  async countForFoi(query: FoiCountQuery): Promise<FoiCounts> {
    // Read in place in one synchronous pass: no copies, and no change falls in between.
    return countReports(this.#held(), query);
  }

  /** Every report as held, partition by partition, without gathering them into one array. */
  *#held(): Generator<Report> {
    for (const partition of this.#partitions) yield* partition.items;
  }

  async setStatus(id: string, { from, to, by, at }: StatusUpdate): Promise<StatusUpdateOutcome> {
    const report = this.#byId.get(id);
    const partition = report && this.#partitionOf.get(report);
    if (!report || !partition) return { outcome: 'not-found' };
    // Checked and changed in one synchronous step, so no other change falls between.
    if (report.status !== from) return { outcome: 'conflict', report: copy(report) };
    report.status = to;
    report.history.push({ status: to, at, by });
    await partition.keep();
    return { outcome: 'changed', report: copy(report) };
  }

  /** How many reports there are. */
  get count(): number {
    return this.#byId.size;
  }

  /** Every report as held (not copies), in stored order: for the store's own reads. */
  all(): Report[] {
    return this.partitions().flat();
  }

  /** The reports of each partition as held now (not copies), in order. */
  partitions(): Report[][] {
    return this.#partitions.map((partition) => partition.items.slice());
  }

  /**
   * Puts every partition back as `partitions` (from {@link partitions}) held them, after a
   * rewrite that could not be kept whole; resolves once every partition is kept.
   */
  restore(partitions: Report[][]): Promise<void>[] {
    this.#partitions.forEach((partition, index) => (partition.items = partitions[index] ?? []));
    this.#reindex();
    return this.#partitions.map((partition) => partition.keep());
  }

  /**
   * Puts each report back in the partition it was in (by reference), dropping those not
   * given, in one synchronous step; resolves once every partition is kept.
   * @throws StoreError when `reports` holds one that is not stored: only `add` adds.
   */
  replace(reports: Report[]): Promise<void>[] {
    const byId = new Map(reports.map((r) => [r.id, copy(r)]));
    if (reports.some((r) => !this.#byId.has(r.id))) throw new StoreError('a rewrite cannot add reports; use reports.add');
    this.#bySubmission.clear();
    this.#byId.clear();
    this.#partitionOf.clear();
    // Numbers only go up: a purged reference is never handed out again while running.
    return this.#partitions.map((partition) => {
      partition.items = partition.items.flatMap((r) => byId.get(r.id) ?? []);
      for (const report of partition.items) this.#index(report, partition);
      return partition.keep();
    });
  }
}
