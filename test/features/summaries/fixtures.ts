/** A small roster and reports for the summary and notification tests. */
import type { DeviceComplaint, Employee, NumberSharingReport } from '../../../src/store/types.js';

export const MANAGER_AAD = '00000000-0000-0000-0000-0000000000b1';
export const REPORT_AAD = '00000000-0000-0000-0000-0000000000a1';
export const OTHER_AAD = '00000000-0000-0000-0000-0000000000c1';
export const OFFICER_AAD = '00000000-0000-0000-0000-0000000000f1';

const row = (employeeId: string, aadObjectId: string | undefined, managerId?: string, email = `${employeeId.toLowerCase()}@council.example`): Employee => ({
  employeeId,
  name: employeeId,
  email,
  aadObjectId,
  managerId,
  worksWithChildrenOrVulnerable: 'yes',
  remoteOrFlexible: 'yes',
  devices: ['laptop'],
  updatedAt: '2026-01-01T00:00:00.000Z'
});

/** M1 manages E1 (Teams id REPORT_AAD) and E2 (imported, no Teams id); E3 is in another team. */
export const ROSTER: Employee[] = [
  row('M1', MANAGER_AAD),
  row('E1', REPORT_AAD, 'M1'),
  row('E2', undefined, 'M1'),
  row('M2', undefined),
  row('E3', OTHER_AAD, 'M2')
];

let n = 0;
/** The fields every report has, with a fresh reference and submission id. */
function base(prefix: string, reporterId: string, submittedAt: string) {
  n++;
  return {
    id: `${prefix}-2026-${String(n).padStart(6, '0')}`,
    submissionId: `sub-${n}`,
    submittedAt,
    reporterId,
    status: 'open' as const,
    history: [],
    source: 'teams' as const,
    occurredOn: submittedAt.slice(0, 10),
    cohort: { worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'yes' as const }
  };
}

export function complaint(reporterId: string, submittedAt: string, fields: Partial<DeviceComplaint> = {}): DeviceComplaint {
  return {
    ...base('DC', reporterId, submittedAt),
    kind: 'device-complaint',
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: ['a'],
    description: 'The VPN would not connect',
    ...fields
  };
}

export function sharing(reporterId: string, submittedAt: string, fields: Partial<NumberSharingReport> = {}): NumberSharingReport {
  return {
    ...base('NS', reporterId, submittedAt),
    kind: 'number-sharing',
    subject: 'self',
    sharerId: reporterId,
    sharedWith: 'child',
    toldNotTo: 'yes',
    reason: 'no-council-phone',
    note: 'Gave my number to a foster carer',
    ...fields
  };
}
