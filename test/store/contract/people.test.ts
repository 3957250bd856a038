/** The people contract (profiles and the roster), for every store. */
import assert from 'node:assert/strict';
import type { Employee } from '../../../src/store/types.js';
import { storeContract } from '../../helpers/store-contract.js';

const row = (employeeId: string, fields: Partial<Employee> = {}): Employee => ({
  employeeId,
  name: employeeId,
  email: `${employeeId.toLowerCase()}@council.example`,
  worksWithChildrenOrVulnerable: 'yes',
  remoteOrFlexible: 'no',
  devices: [],
  updatedAt: 't',
  ...fields
});

storeContract('people', ({ open }) => {
  it('upserts employees without duplicating', async () => {
    const store = await open();
    const employee = { employeeId: 'E1', name: 'A', email: 'a@council.example', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
    assert.deepEqual(await store.people.upsertEmployees([employee]), { added: 1, updated: 0 });
    assert.deepEqual(await store.people.upsertEmployees([{ ...employee, remoteOrFlexible: 'yes' }]), { added: 0, updated: 1 });
    const employees = await store.people.listEmployees();
    assert.equal(employees.length, 1);
    assert.equal(employees[0].remoteOrFlexible, 'yes');
  });

  it('lists every profile, as copies', async () => {
    const store = await open();
    assert.deepEqual(await store.people.listProfiles(), []);
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['tablet'], updatedAt: 't1' });
    await store.people.saveProfile({ aadObjectId: 'aad-2', worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['tablet'], updatedAt: 't2' });
    const profiles = await store.people.listProfiles();
    assert.deepEqual(profiles.map((p) => [p.aadObjectId, p.remoteOrFlexible]), [['aad-1', 'yes'], ['aad-2', 'no']]);
    profiles[0].devices.push('laptop');
    assert.deepEqual((await store.people.getProfile('aad-1'))?.devices, ['tablet']);
  });

  it('links a roster row to a Teams user once, changing nothing else', async () => {
    const store = await open();
    const row = { employeeId: 'E1', name: 'A', email: 'a@council.example', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
    await store.people.upsertEmployees([row]);
    // A roster import changed the row after the link was looked up.
    await store.people.upsertEmployees([{ ...row, name: 'A Renamed' }]);
    assert.equal(await store.people.linkEmployee('E1', 'aad-1'), true);
    assert.deepEqual(await store.people.getEmployee('E1'), { ...row, name: 'A Renamed', aadObjectId: 'aad-1' });
    assert.equal((await store.people.getEmployeeByAadObjectId('AAD-1'))?.employeeId, 'E1');
    assert.equal(await store.people.linkEmployee('E1', 'aad-2'), false, 'a linked row stays linked');
    assert.equal(await store.people.linkEmployee('E9', 'aad-2'), false);
    assert.equal((await store.people.getEmployee('E1'))?.aadObjectId, 'aad-1');
  });

  it('finds one employee by employee id or by Teams object id in any case', async () => {
    const store = await open();
    const row = { employeeId: 'E1', name: 'A', email: 'a@council.example', aadObjectId: 'AAD-1', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
    await store.people.upsertEmployees([row, { ...row, employeeId: 'E2', aadObjectId: undefined }]);
    assert.deepEqual(await store.people.getEmployee('E1'), row);
    assert.equal((await store.people.getEmployeeByAadObjectId('aad-1'))?.employeeId, 'E1');
    assert.equal(await store.people.getEmployee('E3'), undefined);
    assert.equal(await store.people.getEmployeeByAadObjectId('aad-2'), undefined);
    const found = await store.people.getEmployee('E1');
    found!.name = 'changed';
    assert.equal((await store.people.getEmployee('E1'))?.name, 'A');
  });

  it('finds the first unlinked roster row by email in any case, and says whether any row is unlinked', async () => {
    const store = await open();
    assert.equal(await store.people.hasUnlinkedEmployees(), false, 'an empty roster has none');
    await store.people.upsertEmployees([
      row('E1', { email: 'Jo.Bloggs@Council.example', aadObjectId: 'aad-1' }),
      row('E2', { email: 'jo.bloggs@council.example' }),
      row('E3', { email: 'JO.BLOGGS@council.example' }),
      row('E4', { email: 'sam@council.example' })
    ]);
    assert.equal(await store.people.hasUnlinkedEmployees(), true);
    assert.equal((await store.people.findUnlinkedEmployee(['nobody@council.example', 'jo.bloggs@COUNCIL.example']))?.employeeId, 'E2', 'the linked row is passed over');
    assert.equal(await store.people.findUnlinkedEmployee(['other@council.example']), undefined);
    assert.equal(await store.people.findUnlinkedEmployee([]), undefined);
    for (const [employeeId, aad] of [['E2', 'aad-2'], ['E3', 'aad-3'], ['E4', 'aad-4']]) await store.people.linkEmployee(employeeId, aad);
    assert.equal(await store.people.hasUnlinkedEmployees(), false);
    assert.equal(await store.people.findUnlinkedEmployee(['jo.bloggs@council.example']), undefined);
  });

  it('lists a manager\u2019s direct reports in roster order, not the manager', async () => {
    const store = await open();
    await store.people.upsertEmployees([
      row('M1', { managerId: 'M1' }),
      row('E2', { managerId: 'M1' }),
      row('E3', { managerId: 'M2' }),
      row('E4'),
      row('E5', { managerId: 'M1' })
    ]);
    assert.deepEqual((await store.people.listDirectReports('M1')).map((e) => e.employeeId), ['E2', 'E5']);
    assert.deepEqual(await store.people.listDirectReports('E4'), []);
    const [first] = await store.people.listDirectReports('M1');
    first.name = 'changed';
    assert.equal((await store.people.getEmployee('E2'))?.name, 'E2', 'a copy');
  });
});
