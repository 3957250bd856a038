/** Report drafts for store tests. */
import type { DeviceComplaint, NewReport } from '../../src/store/types.js';

/** A device complaint as a feature hands it to the store, before it has a reference. */
export function complaint(submissionId: string, submittedAt = '2026-03-02T10:00:00.000Z'): NewReport {
  const report: Omit<DeviceComplaint, 'id'> = {
    kind: 'device-complaint',
    submissionId,
    submittedAt,
    reporterId: 'aad-1',
    status: 'open',
    history: [],
    source: 'teams',
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: ['a', 'd'],
    occurredOn: '2026-03-01',
    description: 'VPN would not connect',
    cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
  };
  return report;
}
