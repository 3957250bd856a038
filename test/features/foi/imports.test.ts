import assert from 'node:assert/strict';
import { readReports } from '../../../src/features/foi/reports-import.js';
import { readRoster } from '../../../src/features/foi/roster-import.js';
import { saveImportedReports, saveRoster } from '../../../src/features/foi/service.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import { changedFirstEveryTime } from '../../helpers/reports.js';
import type { NumberSharingReport } from '../../../src/store/types.js';

const AT = '2020-02-12T09:00:00.000Z';
const ROSTER_HEADER = 'employee_id,name,email,works_with_children_or_vulnerable,remote_or_flexible,manager_id,devices';
const COMPLAINT_HEADER = 'submitted_at,reporter_id,works_with_children_or_vulnerable,remote_or_flexible,device,cause,blocked_tasks,description,status';
const SHARING_HEADER = 'submitted_at,reporter_id,subject,sharer_id,sharer_works_with_children_or_vulnerable,sharer_remote_or_flexible,shared_with,told_not_to,reason,status';

describe('roster import', () => {
  it('reads yes/no answers and ";"-separated devices, with an optional Teams object id', () => {
    const result = readRoster(
      `${ROSTER_HEADER},aad_object_id\nE1,Ann,ANN@council.example,Yes,no,M1,laptop; Smartphone,AAAAAAAA-0000-0000-0000-000000000001\nE2,Bo,bo@council.example,no,no,,,\n`,
      AT
    );
    assert.ok(result.ok);
    assert.deepEqual(result.rows[0], {
      employeeId: 'E1',
      name: 'Ann',
      email: 'ann@council.example',
      aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001',
      worksWithChildrenOrVulnerable: 'yes',
      remoteOrFlexible: 'no',
      managerId: 'M1',
      devices: ['laptop', 'smartphone'],
      updatedAt: AT
    });
    assert.deepEqual(result.rows[1].devices, []);
    assert.equal(result.rows[1].managerId, undefined);
  });

  it('lists every bad row by line number and imports nothing', () => {
    const result = readRoster(
      `${ROSTER_HEADER}\nE1,Ann,ann@council.example,yes,yes,,laptop\nE2,Bo,not-an-email,maybe,yes,,fax\n\nE1,Cy,cy@council.example,yes,yes,,\n,Di,di@council.example,yes,yes,,\n`,
      AT
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [
      'line 3: email: is not an email address',
      'line 3: works_with_children_or_vulnerable: must be one of yes, no',
      'line 3: devices: must be values from basic-mobile, smartphone, tablet, laptop, desktop separated by ";"',
      'line 6: employee_id: is required'
    ]);
  });

  it('catches a repeated employee id and a wrong header', () => {
    const repeated = readRoster(`${ROSTER_HEADER}\nE1,Ann,ann@council.example,yes,yes,,\ne1,Cy,cy@council.example,yes,yes,,\n`, AT);
    assert.deepEqual(!repeated.ok && repeated.errors, ['line 3: employee_id: e1 is already on line 2']);
    const header = readRoster('employee_id,name,email,works_with_children,remote_or_flexible,manager_id,devices\nE1,A,a@c.example,yes,yes,,\n', AT);
    assert.equal(header.ok, false);
    assert.match(!header.ok ? header.errors.join('\n') : '', /line 1: missing column works_with_children_or_vulnerable/);
    assert.match(!header.ok ? header.errors.join('\n') : '', /line 1: unknown column works_with_children/);
    assert.deepEqual(readRoster(`${ROSTER_HEADER}\n`, AT), { ok: false, errors: ['the file has no rows after the header'] });
  });

  it('re-importing updates people and never duplicates them, keeping a known Teams link', async () => {
    const store = await openMemoryStore();
    const first = readRoster(`${ROSTER_HEADER},aad_object_id\nE1,Ann,ann@council.example,yes,no,,laptop,aaaaaaaa-0000-0000-0000-000000000001\n`, AT);
    assert.ok(first.ok);
    assert.deepEqual(await saveRoster(store, first.rows), { added: 1, updated: 0 });
    const second = readRoster(`${ROSTER_HEADER}\nE1,Ann,ann@council.example,yes,yes,,laptop\nE2,Bo,bo@council.example,no,no,,\n`, AT);
    assert.ok(second.ok);
    assert.deepEqual(await saveRoster(store, second.rows), { added: 1, updated: 1 });
    const employees = await store.people.listEmployees();
    assert.equal(employees.length, 2);
    assert.equal(employees[0].remoteOrFlexible, 'yes');
    assert.equal(employees[0].aadObjectId, 'aaaaaaaa-0000-0000-0000-000000000001');
  });
});

describe('report import', () => {
  it('reads device complaints: dates in the council time zone, defaults, and a stable submission id', () => {
    const text = `${COMPLAINT_HEADER}\n2019-07-01T09:15,E1,yes,yes,Laptop,training,a;d,VPN down,\n2019-07-02,E2,,,tablet,other,,"said ""no"", twice",void\n`;
    const result = readReports('device-complaints', text, 'Europe/London', AT);
    assert.ok(result.ok);
    const [first, second] = result.rows;
    assert.equal(first.kind, 'device-complaint');
    assert.equal(first.submittedAt, '2019-07-01T08:15:00.000Z');
    assert.equal(first.status, 'open');
    assert.equal(first.source, 'import');
    assert.equal(first.kind === 'device-complaint' && first.occurredOn, '2019-07-01');
    assert.deepEqual(first.kind === 'device-complaint' && first.blockedTasks, ['a', 'd']);
    assert.deepEqual(second.kind === 'device-complaint' && second.cohort, { worksWithChildrenOrVulnerable: 'unknown', remoteOrFlexible: 'unknown' });
    assert.equal(second.kind === 'device-complaint' && second.description, 'said "no", twice');
    assert.deepEqual(second.history, [{ status: 'void', at: AT, by: 'import' }]);
    const again = readReports('device-complaints', text, 'Europe/London', '2021-01-01T00:00:00.000Z');
    assert.ok(again.ok);
    assert.deepEqual(again.rows.map((r) => r.submissionId), result.rows.map((r) => r.submissionId));
    assert.notEqual(first.submissionId, second.submissionId);
  });

  it('reads number sharing: an empty sharer is the reporter for self and unnamed for colleague', () => {
    const text = `${SHARING_HEADER}\n2019-05-01,E1,self,,yes,yes,child,yes,no-council-phone,\n2019-05-02,E1,colleague,,yes,yes,other,unsure,other,resolved\n2019-05-03,E1,colleague,E9,yes,no,external-professional,no,out-of-hours,\n`;
    const result = readReports('number-sharing', text, 'Europe/London', AT);
    assert.ok(result.ok);
    const [self, unnamed, named] = result.rows as NumberSharingReport[];
    assert.equal(self.sharerId, 'E1');
    assert.equal(unnamed.sharerId, undefined);
    assert.equal(named.sharerId, 'E9');
    assert.deepEqual(named.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' });
    assert.equal(unnamed.toldNotTo, 'unsure');
  });

  it('lists bad rows by line number, all or nothing', () => {
    const complaints = readReports('device-complaints', `${COMPLAINT_HEADER}\n2019-02-30,E1,yes,yes,pager,boredom,a;z,,closed\n2019-03-01,,yes,perhaps,laptop,other,,,\n`, 'Europe/London', AT);
    assert.deepEqual(!complaints.ok && complaints.errors, [
      'line 2: submitted_at: must be an ISO date (2020-02-11) or date-time (2020-02-11T09:30 or with an offset)',
      'line 2: device: must be one of basic-mobile, smartphone, tablet, laptop, desktop',
      'line 2: cause: must be one of device-problem, accessing-information, training, other',
      'line 2: blocked_tasks: must be values from a, b, c, d, e, f, g, h separated by ";"',
      'line 2: status: must be one of open, acknowledged, resolved, withdrawn, void',
      'line 3: reporter_id: is required',
      'line 3: remote_or_flexible: must be one of yes, no, unknown'
    ]);
    const sharing = readReports('number-sharing', `${SHARING_HEADER}\n2019-05-01,E1,self,,yes,yes,child,maybe,no-council-phone,\n2019-05-01,E1,self,E2,yes,yes,child,yes,no-council-phone,\n`, 'Europe/London', AT);
    assert.deepEqual(!sharing.ok && sharing.errors, ['line 2: told_not_to: must be one of yes, no, unsure', 'line 3: sharer_id: must be empty or the reporter_id when subject is self']);
  });

  it('importing the same file twice adds nothing; a later export with a new status updates it', async () => {
    const store = await openMemoryStore();
    const text = `${COMPLAINT_HEADER}\n2019-07-01,E1,yes,yes,laptop,training,a,,open\n2019-07-02,E2,yes,yes,laptop,training,a,,open\n`;
    const read = (t: string) => {
      const result = readReports('device-complaints', t, 'Europe/London', AT);
      assert.ok(result.ok);
      return result.rows;
    };
    assert.deepEqual(await saveImportedReports(store, read(text), AT), { added: 2, alreadyThere: 0, statusChanged: 0, notChanged: 0 });
    assert.deepEqual(await saveImportedReports(store, read(text), AT), { added: 0, alreadyThere: 2, statusChanged: 0, notChanged: 0 });
    assert.deepEqual(await saveImportedReports(store, read(text.replace(/open\n$/, 'withdrawn\n')), AT), { added: 0, alreadyThere: 1, statusChanged: 1, notChanged: 0 });
    const reports = await store.reports.list();
    assert.equal(reports.length, 2);
    assert.deepEqual(reports.map((r) => r.status).sort(), ['open', 'withdrawn']);
  });

  it('counts a new status it could not store apart, not as already there, and a second run applies it', async () => {
    const store = await openMemoryStore();
    const row = (status: string) => {
      const result = readReports('device-complaints', `${COMPLAINT_HEADER}\n2019-07-01,E1,yes,yes,laptop,training,a,,${status}\n`, 'Europe/London', AT);
      assert.ok(result.ok);
      return result.rows;
    };
    await saveImportedReports(store, row('open'), AT);
    const rival = changedFirstEveryTime(store.reports);
    assert.deepEqual(await saveImportedReports(store, row('resolved'), AT), { added: 0, alreadyThere: 0, statusChanged: 0, notChanged: 1 });
    rival.restore();
    assert.notEqual((await store.reports.list())[0].status, 'resolved');
    assert.deepEqual(await saveImportedReports(store, row('resolved'), AT), { added: 0, alreadyThere: 0, statusChanged: 1, notChanged: 0 });
    assert.equal((await store.reports.list())[0].status, 'resolved');
  });
});
