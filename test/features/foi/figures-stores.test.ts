/**
 * The figures each store counts (in SQL for PostgreSQL, in one pass for the memory and lowdb
 * stores) equal the figures counted report by report with calendar dates
 * (../../helpers/foi-reference.ts): on the import fixtures, and on generated datasets whose
 * report times sit on and either side of the window's edges, with withdrawn and voided
 * reports, unknown cohort answers, ids in either case, and self, named and unnamed sharing.
 */
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { NO_ORGANISATION } from '../../../src/features/foi/organisation.js';
import { readReports } from '../../../src/features/foi/reports-import.js';
import { readRoster } from '../../../src/features/foi/roster-import.js';
import { figuresFromStore, saveImportedReports, saveRoster } from '../../../src/features/foi/service.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import type { Store } from '../../../src/store/store.js';
import { COMPLAINT_CAUSES, DEVICES, REPORT_STATUSES, SHARED_WITH, TOLD_NOT_TO, type CohortAnswer, type Employee, type NewReport, type Profile, type StatusChange } from '../../../src/store/types.js';
import { referenceFigures } from '../../helpers/foi-reference.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';
import { projectRoot } from '../../../src/config/paths.js';

interface Subject {
  /** A store with nothing in it. */
  empty(): Promise<Store>;
  done(): Promise<void>;
}

const SUBJECTS: Array<[string, number, () => Promise<Subject>]> = [
  ['memory store', 100, async () => ({ empty: openMemoryStore, done: async () => undefined })],
  [
    'lowdb store',
    80,
    async () => {
      const dirs: string[] = [];
      return {
        // Small report files, so the counting crosses several of them.
        empty: async () => openLowdbStore(await mkdtemp(path.join(tmpdir(), 'foi-counts-')).then((dir) => (dirs.push(dir), dir)), { reportsPerFile: 4 }),
        done: async () => void (await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
      };
    }
  ],
  [
    'PostgreSQL store',
    40,
    async () => {
      const schema: TestSchema = await freshSchema();
      let open: Store | undefined;
      return {
        empty: async () => {
          open ??= await schema.open();
          await schema.query('TRUNCATE reports, report_sequences, employees, profiles');
          return open;
        },
        done: () => schema.drop()
      };
    }
  ]
];

/** Figures e and g from the store, and as counted report by report from what the store holds. */
async function both(store: Store, request: { asOf: string; since?: string; timeZone: string }) {
  const figures = await figuresFromStore(store, NO_ORGANISATION, request);
  const [employees, profiles, reports] = await Promise.all([store.people.listEmployees(), store.people.listProfiles(), store.reports.list()]);
  return { counted: { e: figures.e, g: figures.g }, reference: referenceFigures({ ...request, employees, profiles, reports }) };
}

// Leap day, the days the clocks change in London, and ordinary days.
const AS_OF_DATES = ['2020-02-29', '2019-03-31', '2019-10-27', '2020-03-29', '2020-02-11', '2019-12-31'];
const SINCE_DATES = ['2019-03-31', '2019-10-27', '2019-06-01'];
const IDS = ['aad-1', 'AAD-1', 'aad-2', 'E1', 'e1', 'E2', 'stranger'];
const answer = fc.constantFrom<CohortAnswer>('yes', 'yes', 'yes', 'yes', 'no', 'unknown');
const cohort = fc.record({ worksWithChildrenOrVulnerable: answer, remoteOrFlexible: answer });

/**
 * Times on, just before and just after the first instant of each day that bounds this
 * dataset's figures (the day after `asOf`, the window's first day, `since`), and any time.
 */
function submittedAt(timeZone: string, asOf: string, since: string | undefined): fc.Arbitrary<string> {
  const day = (date: string) => DateTime.fromISO(date, { zone: timeZone });
  const bounds = [day(asOf).plus({ days: 1 }), day(asOf).minus({ years: 1 }).plus({ days: 1 }), ...(since ? [day(since)] : [])];
  const edge = fc.tuple(fc.constantFrom(...bounds), fc.constantFrom(-3_600_000, -1, 0, 0, 1)).map(([bound, shift]) => bound.toMillis() + shift);
  const any = fc.integer({ min: Date.parse('2018-01-01T00:00:00Z'), max: Date.parse('2021-01-01T00:00:00Z') });
  // Stored times are written by toISOString; a time without milliseconds must count the same.
  return fc.tuple(fc.oneof(edge, edge, any), fc.boolean()).map(([ms, short]) => {
    const text = new Date(ms).toISOString();
    return short && text.endsWith('.000Z') ? text.replace('.000Z', 'Z') : text;
  });
}

function report(timeZone: string, asOf: string, since: string | undefined) {
  const common = {
    submittedAt: submittedAt(timeZone, asOf, since),
    reporterId: fc.constantFrom(...IDS),
    status: fc.constantFrom('open', 'resolved', ...REPORT_STATUSES),
    history: fc.constant<StatusChange[]>([]),
    source: fc.constantFrom('teams' as const, 'import' as const),
    occurredOn: fc.constant('2019-06-01'),
    cohort
  };
  const complaint = fc.record({
    ...common,
    kind: fc.constant('device-complaint' as const),
    device: fc.constantFrom(...DEVICES),
    cause: fc.constantFrom(...COMPLAINT_CAUSES),
    blockedTasks: fc.constant(['a' as const]),
    description: fc.constant('')
  });
  const sharing = fc
    .record({
      ...common,
      kind: fc.constant('number-sharing' as const),
      subject: fc.constantFrom('self' as const, 'colleague' as const),
      sharerId: fc.option(fc.constantFrom(...IDS, ''), { nil: undefined }),
      sharedWith: fc.constantFrom(...SHARED_WITH),
      toldNotTo: fc.constantFrom('yes', 'yes', ...TOLD_NOT_TO),
      reason: fc.constant('other' as const),
      note: fc.constant('')
    })
    .map(({ sharerId, ...rest }) => (sharerId === undefined ? rest : { ...rest, sharerId }));
  return fc.oneof(complaint, sharing);
}

const employees = fc.uniqueArray(
  fc.record({ employeeId: fc.constantFrom('E1', 'E2', 'E3'), aad: fc.option(fc.constantFrom('aad-1', 'AAD-2', 'aad-3'), { nil: undefined }), yes: fc.boolean(), remote: fc.boolean() }),
  { selector: (row) => row.employeeId, maxLength: 3 }
).map((rows) =>
  rows.map(
    (row): Employee => ({
      employeeId: row.employeeId,
      name: row.employeeId,
      email: `${row.employeeId.toLowerCase()}@council.example`,
      ...(row.aad ? { aadObjectId: row.aad } : {}),
      worksWithChildrenOrVulnerable: row.yes ? 'yes' : 'no',
      remoteOrFlexible: row.remote ? 'yes' : 'no',
      devices: ['laptop'],
      updatedAt: '2019-01-01T00:00:00.000Z'
    })
  )
);

const profiles = fc
  .uniqueArray(fc.record({ aadObjectId: fc.constantFrom('aad-1', 'aad-2', 'aad-4'), answers: cohort }), { selector: (row) => row.aadObjectId, maxLength: 3 })
  .map((rows) => rows.map((row): Profile => ({ aadObjectId: row.aadObjectId, ...row.answers, devices: [], updatedAt: '2019-06-01T00:00:00.000Z' })));

const dataset = fc
  .record({
    timeZone: fc.constantFrom('Europe/London', 'UTC'),
    asOf: fc.constantFrom(...AS_OF_DATES),
    since: fc.option(fc.constantFrom(...SINCE_DATES), { nil: undefined })
  })
  .chain((request) =>
    fc.record({ employees, profiles, reports: fc.array(report(request.timeZone, request.asOf, request.since), { maxLength: 25 }) }).map((data) => ({ ...request, ...data }))
  );

for (const [name, runs, subject] of SUBJECTS) {
  describe(`${name}: FOI figures equal the figures counted report by report`, function () {
    this.timeout(120_000);
    let current: Subject;
    beforeEach(async () => {
      current = await subject();
    });
    afterEach(async () => {
      await current.done();
    });

    it('on the import fixtures, for as-of dates across them, with and without a first date for g', async () => {
      const store = await current.empty();
      const fixture = (file: string) => readFile(path.join(projectRoot, 'test', 'fixtures', file), 'utf8');
      const roster = readRoster(await fixture('roster.csv'), '2019-01-01T00:00:00.000Z');
      assert.ok(roster.ok);
      await saveRoster(store, roster.rows);
      for (const [type, file] of [['device-complaints', 'device-complaints.csv'], ['number-sharing', 'number-sharing.csv']] as const) {
        const read = readReports(type, await fixture(file), 'Europe/London', '2020-02-12T00:00:00.000Z');
        assert.ok(read.ok);
        await saveImportedReports(store, read.rows, '2020-02-12T00:00:00.000Z');
      }
      let counted = 0;
      for (const asOf of ['2019-02-24', '2019-09-29', '2020-02-11', '2020-02-29', '2021-01-01']) {
        for (const since of [undefined, '2019-01-01']) {
          const { counted: figures, reference } = await both(store, { asOf, since, timeZone: 'Europe/London' });
          assert.deepEqual(figures, reference, `as of ${asOf}${since ? ` since ${since}` : ''}`);
          counted += figures.e.complaints + figures.g.qualifyingReports;
        }
      }
      assert.ok(counted > 0, 'the fixtures give figures to compare');
    });

    it('on generated datasets', async () => {
      let submission = 0;
      await fc.assert(
        fc.asyncProperty(dataset, async (data) => {
          const store = await current.empty();
          await store.people.upsertEmployees(data.employees);
          for (const profile of data.profiles) await store.people.saveProfile(profile);
          for (const draft of data.reports) await store.reports.add({ ...draft, submissionId: `sub-${submission++}` } as NewReport);
          const { counted, reference } = await both(store, data);
          assert.deepEqual(counted, reference);
        }),
        { numRuns: runs }
      );
    });
  });
}
