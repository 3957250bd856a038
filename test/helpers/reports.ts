/** Report drafts for store tests. */
import type { ReportStore } from '../../src/store/reports.js';
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

/**
 * Makes every status change through `reports` lose a race: just before each one, another
 * writer (the reports import) moves the report between open and acknowledged, so the
 * conditional write finds a status other than the one it was decided on. Returns how many
 * changes were tried; `restore` puts the store back.
 */
export function changedFirstEveryTime(reports: ReportStore): { tries: () => number; restore: () => void } {
  const setStatus = reports.setStatus;
  let tries = 0;
  reports.setStatus = async (id, change) => {
    tries++;
    const now = await reports.get(id);
    if (now) await setStatus.call(reports, id, { from: now.status, to: now.status === 'open' ? 'acknowledged' : 'open', by: 'import', at: change.at });
    return setStatus.call(reports, id, change);
  };
  return { tries: () => tries, restore: () => void (reports.setStatus = setStatus) };
}
