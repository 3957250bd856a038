import assert from 'node:assert/strict';
import type { FoiInput } from '../../../src/features/foi/figures.js';
import { computeFigures } from '../../helpers/figures.js';
import { NO_ORGANISATION } from '../../../src/features/foi/organisation.js';
import type { Report } from '../../../src/store/types.js';
import { COHORT, complaint, employee, NOT_REMOTE, profile, sharing } from './builders.js';

const TZ = 'Europe/London';

function figures(reports: Report[], extra: Partial<FoiInput> = {}) {
  return computeFigures({ asOf: '2020-02-11', timeZone: TZ, employees: [], profiles: [], reports, organisation: NO_ORGANISATION, ...extra });
}

describe('FOI question e: device complaints', () => {
  it('counts the first and last day of the window and not the days either side (London time)', () => {
    const e = figures([
      complaint({ reporterId: 'out-before', submittedAt: '2019-02-11T23:59:00.000Z' }),
      complaint({ reporterId: 'first-day', submittedAt: '2019-02-12T00:00:00.000Z' }),
      complaint({ reporterId: 'last-day', submittedAt: '2020-02-11T23:59:59.000Z' }),
      complaint({ reporterId: 'out-after', submittedAt: '2020-02-12T00:00:00.000Z' })
    ]).e;
    assert.equal(e.complaints, 2);
    assert.equal(e.employees, 2);
  });

  it('in summer, 23:30 UTC is already the next day in London', () => {
    const reports = [complaint({ submittedAt: '2019-06-30T23:30:00.000Z' })];
    assert.equal(figures(reports, { asOf: '2019-06-30' }).e.complaints, 0);
    assert.equal(figures(reports, { asOf: '2019-07-01' }).e.complaints, 1);
    assert.equal(figures(reports, { asOf: '2019-06-30', timeZone: 'UTC' }).e.complaints, 1);
  });

  it('leap year: as of 2020-02-29, 2019-02-28 is out and 2019-03-01 in', () => {
    const e = figures(
      [complaint({ reporterId: 'a', submittedAt: '2019-02-28T12:00:00.000Z' }), complaint({ reporterId: 'b', submittedAt: '2019-03-01T12:00:00.000Z' }), complaint({ reporterId: 'c', submittedAt: '2020-02-29T12:00:00.000Z' })],
      { asOf: '2020-02-29' }
    ).e;
    assert.deepEqual(e.window, { from: '2019-03-01', to: '2020-02-29' });
    assert.equal(e.complaints, 2);
  });

  it('counts each employee once however many complaints, with complaints broken down by cause and device', () => {
    const e = figures([
      complaint({ reporterId: 'aad-1', cause: 'training', device: 'tablet' }),
      complaint({ reporterId: 'aad-1', cause: 'training', device: 'laptop' }),
      complaint({ reporterId: 'AAD-1', cause: 'other', device: 'laptop' }),
      complaint({ reporterId: 'aad-2', cause: 'accessing-information', device: 'smartphone' })
    ]).e;
    assert.equal(e.employees, 2);
    assert.equal(e.complaints, 4);
    assert.deepEqual(e.byCause, { 'device-problem': 0, 'accessing-information': 1, training: 2, other: 1 });
    assert.deepEqual(e.byDevice, { 'basic-mobile': 0, smartphone: 1, tablet: 1, laptop: 2, desktop: 0 });
  });

  it('counts only the cohort as recorded on the complaint', () => {
    const e = figures([
      complaint({ reporterId: 'in' }),
      complaint({ reporterId: 'office', cohort: NOT_REMOTE }),
      complaint({ reporterId: 'no-children', cohort: { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes' } }),
      complaint({ reporterId: 'unknown', cohort: { worksWithChildrenOrVulnerable: 'unknown', remoteOrFlexible: 'yes' } })
    ]).e;
    assert.equal(e.employees, 1);
  });

  it('leaves out withdrawn and void complaints, and complaints after the as-of date', () => {
    const e = figures([
      complaint({ reporterId: 'withdrawn', status: 'withdrawn' }),
      complaint({ reporterId: 'void', status: 'void' }),
      complaint({ reporterId: 'resolved', status: 'resolved' }),
      complaint({ reporterId: 'acknowledged', status: 'acknowledged' }),
      complaint({ reporterId: 'later', submittedAt: '2020-03-01T10:00:00.000Z' })
    ]).e;
    assert.equal(e.employees, 2);
    assert.equal(e.complaints, 2);
  });

  it('an imported complaint (employee id) and a Teams one (object id) of one rostered person count once', () => {
    const employees = [employee('E1', { aadObjectId: 'aad-linked' }), employee('E2')];
    const e = figures(
      [
        complaint({ reporterId: 'E1', source: 'import' }),
        complaint({ reporterId: 'AAD-LINKED', source: 'teams' }),
        complaint({ reporterId: 'E2', source: 'import' }),
        complaint({ reporterId: 'aad-unlinked', source: 'teams' })
      ],
      { employees }
    ).e;
    assert.equal(e.employees, 3);
  });
});

describe('FOI question g: personal numbers shared when told not to', () => {
  it('self reports count the reporter, named reports the colleague, several reports of one person once', () => {
    const g = figures([
      sharing({ reporterId: 'aad-1', subject: 'self' }),
      sharing({ reporterId: 'aad-1', subject: 'self', submittedAt: '2019-07-01T10:00:00.000Z' }),
      sharing({ reporterId: 'aad-2', subject: 'colleague', sharerId: 'aad-1' }),
      sharing({ reporterId: 'aad-2', subject: 'colleague', sharerId: 'aad-3' }),
      sharing({ reporterId: 'aad-4', subject: 'colleague', sharerId: 'aad-3' })
    ]).g;
    assert.deepEqual(g, { aware: true, employees: 2, unattributedReports: 0, qualifyingReports: 5 });
  });

  it('reports naming no one are a separate figure, never added to the employees', () => {
    const g = figures([sharing({ subject: 'colleague' }), sharing({ subject: 'colleague', reporterId: 'aad-9' })]).g;
    assert.equal(g.employees, 0);
    assert.equal(g.unattributedReports, 2);
    assert.equal(g.aware, true);
  });

  it('needs told_not_to yes: no and unsure do not qualify', () => {
    const g = figures([sharing({ toldNotTo: 'no' }), sharing({ toldNotTo: 'unsure', reporterId: 'aad-2' })]).g;
    assert.deepEqual(g, { aware: false, employees: 0, unattributedReports: 0, qualifyingReports: 0 });
  });

  it('needs the sharer in the cohort as recorded, and leaves out withdrawn, void and later reports', () => {
    const g = figures([
      sharing({ reporterId: 'office', cohort: NOT_REMOTE }),
      sharing({ reporterId: 'withdrawn', status: 'withdrawn' }),
      sharing({ reporterId: 'void', status: 'void' }),
      sharing({ reporterId: 'later', submittedAt: '2020-02-12T00:00:00.000Z' }),
      sharing({ reporterId: 'kept', submittedAt: '2020-02-11T23:59:00.000Z' })
    ]).g;
    assert.equal(g.employees, 1);
  });

  it('has no window by default; --since narrows it', () => {
    const reports = [sharing({ reporterId: 'old', submittedAt: '2015-01-01T10:00:00.000Z' }), sharing({ reporterId: 'new', submittedAt: '2019-12-01T10:00:00.000Z' })];
    assert.equal(figures(reports).g.employees, 2);
    const narrowed = figures(reports, { since: '2019-12-01' }).g;
    assert.equal(narrowed.employees, 1);
    assert.equal(narrowed.since, '2019-12-01');
  });

  it('--since counts its first day and nothing before it (London time)', () => {
    const g = figures(
      [
        sharing({ reporterId: 'years-before', submittedAt: '2015-01-01T10:00:00.000Z' }),
        sharing({ reporterId: 'day-before', submittedAt: '2019-11-30T23:59:00.000Z' }),
        sharing({ reporterId: 'first-day', submittedAt: '2019-12-01T00:00:00.000Z' }),
        sharing({ reporterId: 'later', submittedAt: '2019-12-05T10:00:00.000Z' }),
        sharing({ reporterId: 'as-of', submittedAt: '2020-02-11T10:00:00.000Z' })
      ],
      { since: '2019-12-01' }
    ).g;
    assert.equal(g.employees, 3);
    assert.equal(g.qualifyingReports, 3);
  });

  it('a colleague named by employee id in an import and by object id in Teams counts once', () => {
    const g = figures(
      [sharing({ source: 'import', reporterId: 'E7', subject: 'colleague', sharerId: 'E1' }), sharing({ source: 'teams', reporterId: 'aad-x', subject: 'colleague', sharerId: 'aad-linked' })],
      { employees: [employee('E1', { aadObjectId: 'aad-linked' })] }
    ).g;
    assert.equal(g.employees, 1);
  });
});

describe('FOI questions a to c: roster and profiles', () => {
  it('counts people once across the roster and their linked profile; the latest known answer wins', () => {
    const employees = [
      employee('E1', { aadObjectId: 'aad-1', remoteOrFlexible: 'no', devices: ['laptop'], updatedAt: '2020-01-01T00:00:00.000Z' }),
      employee('E2', { devices: ['smartphone', 'laptop'] }),
      employee('E3', { remoteOrFlexible: 'no' }),
      employee('E4', { worksWithChildrenOrVulnerable: 'no' })
    ];
    const profiles = [
      profile('AAD-1', { remoteOrFlexible: 'yes', devices: ['tablet'], updatedAt: '2020-02-01T00:00:00.000Z' }),
      profile('aad-5', { devices: ['basic-mobile'] }),
      profile('aad-6', { worksWithChildrenOrVulnerable: 'unknown', remoteOrFlexible: 'unknown' }),
      profile('aad-7', { remoteOrFlexible: 'unknown' })
    ];
    const { a, b, c } = figures([], { employees, profiles });
    assert.deepEqual(a, { employees: 5, notKnown: 1 });
    assert.deepEqual(b, { employees: 3, notKnown: 1 });
    assert.equal(c.cohortEmployees, 3);
    assert.deepEqual(c.byDevice, { 'basic-mobile': 1, smartphone: 1, tablet: 1, laptop: 2, desktop: 0 });
    assert.deepEqual(c.provided, ['basic-mobile', 'smartphone', 'tablet', 'laptop']);
  });

  it('an older profile answer does not override a newer roster one, and "unknown" never does', () => {
    const employees = [employee('E1', { aadObjectId: 'aad-1', remoteOrFlexible: 'yes', updatedAt: '2020-02-01T00:00:00.000Z' })];
    const older = figures([], { employees, profiles: [profile('aad-1', { remoteOrFlexible: 'no', updatedAt: '2019-01-01T00:00:00.000Z' })] });
    assert.equal(older.b.employees, 1);
    const unknown = figures([], { employees, profiles: [profile('aad-1', { remoteOrFlexible: 'unknown', updatedAt: '2021-01-01T00:00:00.000Z' })] });
    assert.equal(unknown.b.employees, 1);
    assert.equal(unknown.a.employees, 1);
  });

  it('d and f come from the organisation file, and say so when it is missing', () => {
    const none = figures([]);
    assert.deepEqual(none.d, { recorded: false, tasks: {} });
    assert.deepEqual(none.f, { recorded: false });
    const filled = figures([], {
      organisation: { councilName: 'Test Council', tasksOnCouncilDevices: { a: true, b: false, c: true, d: true, e: true, f: false, g: true, h: false }, personalDevices: { answer: 'prevent-some', note: 'n' } }
    });
    assert.equal(filled.d.recorded, true);
    assert.equal(filled.d.tasks.b, false);
    assert.deepEqual(filled.f, { recorded: true, answer: 'prevent-some', note: 'n' });
    assert.equal(filled.councilName, 'Test Council');
  });
});

describe('FOI cohort answers on reports', () => {
  it('a complaint counts by the answers recorded on it, not by the roster today', () => {
    const employees = [employee('E1', { remoteOrFlexible: 'no' })];
    assert.equal(figures([complaint({ reporterId: 'E1', source: 'import', cohort: COHORT })], { employees }).e.employees, 1);
  });
});
