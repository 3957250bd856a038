import assert from 'node:assert/strict';
import fc from 'fast-check';
import { directReportsByManager } from '../../src/shared/roster.js';
import type { Employee } from '../../src/store/types.js';

const row = (employeeId: string, managerId?: string): Employee => ({
  employeeId,
  name: employeeId,
  email: `${employeeId}@council.example`,
  worksWithChildrenOrVulnerable: 'yes',
  remoteOrFlexible: 'yes',
  ...(managerId === undefined ? {} : { managerId }),
  devices: [],
  updatedAt: '2026-01-01T00:00:00.000Z'
});

describe('direct reports by manager', () => {
  it('gives each manager the rows naming them, in roster order, never the manager themself', () => {
    const teams = directReportsByManager([row('M1'), row('A', 'M1'), row('M1b', 'M1b'), row('B', 'M2'), row('C', 'M1'), row('D')]);
    assert.deepEqual(teams.get('M1')?.map((e) => e.employeeId), ['A', 'C']);
    assert.deepEqual(teams.get('M2')?.map((e) => e.employeeId), ['B']);
    assert.equal(teams.has('M1b'), false);
    assert.equal(teams.has('D'), false);
  });

  it('agrees with a scan of the roster for every manager, on any roster', () => {
    const ids = fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5');
    const roster = fc.array(fc.tuple(ids, fc.option(ids, { nil: undefined })).map(([id, manager]) => row(id, manager)), { maxLength: 12 });
    fc.assert(
      fc.property(roster, (employees) => {
        const teams = directReportsByManager(employees);
        for (const manager of employees) {
          const scanned = employees.filter((e) => e.managerId === manager.employeeId && e.employeeId !== manager.employeeId);
          assert.deepEqual(teams.get(manager.employeeId) ?? [], scanned);
        }
      })
    );
  });
});
