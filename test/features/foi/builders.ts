/** Small builders of plain records for the FOI tests. */
import type { CohortAnswers, DeviceComplaint, Employee, NumberSharingReport, Profile } from '../../../src/store/types.js';

export const COHORT: CohortAnswers = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' };
export const NOT_REMOTE: CohortAnswers = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' };

let next = 1;

/** Fields every report has; each call gives a new id. */
function base(prefix: string) {
  const n = next++;
  return {
    id: `${prefix}-2020-${String(n).padStart(6, '0')}`,
    submissionId: `sub-${n}`,
    submittedAt: '2019-06-01T10:00:00.000Z',
    reporterId: 'aad-1',
    status: 'open' as const,
    history: [],
    source: 'teams' as const,
    occurredOn: '2019-06-01',
    cohort: COHORT
  };
}

export function complaint(fields: Partial<DeviceComplaint> = {}): DeviceComplaint {
  return {
    kind: 'device-complaint',
    ...base('DC'),
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: ['a'],
    description: '',
    ...fields
  };
}

export function sharing(fields: Partial<NumberSharingReport> = {}): NumberSharingReport {
  return {
    kind: 'number-sharing',
    ...base('NS'),
    subject: 'self',
    sharedWith: 'child',
    toldNotTo: 'yes',
    reason: 'no-council-phone',
    note: '',
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
