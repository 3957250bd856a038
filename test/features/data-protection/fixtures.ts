/** Plain records for the data-protection tests. */
import type { StoredData } from '../../../src/store/store.js';
import type { DeviceComplaint, NumberSharingReport } from '../../../src/store/types.js';

export function emptyData(): StoredData {
  return { profiles: [], employees: [], reports: [], conversations: [], feedback: [], policyLinks: [], audit: [], roles: [], summaryRuns: [] };
}

export function complaintRecord(id: string, submittedAt: string, reporterId = 'aad-1'): DeviceComplaint {
  return {
    id,
    kind: 'device-complaint',
    submissionId: `sub-${id}`,
    submittedAt,
    reporterId,
    status: 'open',
    history: [{ status: 'open', at: submittedAt, by: reporterId }],
    source: 'teams',
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: ['a'],
    occurredOn: submittedAt.slice(0, 10),
    description: 'The VPN dropped during a home visit',
    cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
  };
}

export function sharingRecord(id: string, reporterId: string, sharerId: string | undefined): NumberSharingReport {
  return {
    id,
    kind: 'number-sharing',
    submissionId: `sub-${id}`,
    submittedAt: '2026-02-01T10:00:00.000Z',
    reporterId,
    status: 'open',
    history: [{ status: 'open', at: '2026-02-01T10:00:00.000Z', by: reporterId }],
    source: 'teams',
    subject: sharerId === reporterId ? 'self' : 'colleague',
    sharerId,
    sharerName: sharerId ? 'Jo Bloggs' : undefined,
    sharedWith: 'child',
    toldNotTo: 'yes',
    reason: 'no-council-phone',
    occurredOn: '2026-01-30',
    note: 'Gave my mobile 07700 900123 to a foster carer',
    cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
  };
}
