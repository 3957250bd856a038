/** Small builders of plain records for the FOI tests. */
import type { CohortAnswers, DeviceComplaint, Employee, NumberSharingReport, Profile } from '../../../src/store/types.js';

export const COHORT: CohortAnswers = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' };
export const NOT_REMOTE: CohortAnswers = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' };

let next = 1;

export function complaint(fields: Partial<DeviceComplaint> = {}): DeviceComplaint {
  const n = next++;
  return {
    kind: 'device-complaint',
    id: `DC-2020-${String(n).padStart(6, '0')}`,
    submissionId: `sub-${n}`,
    submittedAt: '2019-06-01T10:00:00.000Z',
    reporterId: 'aad-1',
    status: 'open',
    history: [],
    source: 'teams',
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: ['a'],
    occurredOn: '2019-06-01',
    description: '',
    cohort: COHORT,
    ...fields
  };
}

export function sharing(fields: Partial<NumberSharingReport> = {}): NumberSharingReport {
  const n = next++;
  return {
    kind: 'number-sharing',
    id: `NS-2020-${String(n).padStart(6, '0')}`,
    submissionId: `sub-${n}`,
    submittedAt: '2019-06-01T10:00:00.000Z',
    reporterId: 'aad-1',
    status: 'open',
    history: [],
    source: 'teams',
    subject: 'self',
    sharedWith: 'child',
    toldNotTo: 'yes',
    reason: 'no-council-phone',
    occurredOn: '2019-06-01',
    note: '',
    cohort: COHORT,
    ...fields
  };
}

export function employee(employeeId: string, fields: Partial<Employee> = {}): Employee {
  return {
    employeeId,
    name: `Employee ${employeeId}`,
    email: `${employeeId.toLowerCase()}@council.example`,
    worksWithChildrenOrVulnerable: 'yes',
    remoteOrFlexible: 'yes',
    devices: [],
    updatedAt: '2020-01-01T00:00:00.000Z',
    ...fields
  };
}

export function profile(aadObjectId: string, fields: Partial<Profile> = {}): Profile {
  return { aadObjectId, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: [], updatedAt: '2020-01-01T00:00:00.000Z', ...fields };
}
