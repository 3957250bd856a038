/**
 * Who a summary is for and what it covers: FOI officers and admins see the whole council;
 * managers see their direct reports. Everyone else is refused.
 */
import type { AdaptiveCard } from '../../shared/cards.js';
import type { FeatureDeps } from '../../shared/deps.js';
import { hasRole, managedTeam } from '../../shared/roles.js';
import { idsOf } from '../../shared/roster.js';
import type { Store } from '../../store/store.js';
import type { Employee, Report } from '../../store/types.js';
import { summaryCard } from './summary-card.js';
import { summarise, windowsFor } from './summary.js';

export type Audience = { kind: 'council' } | { kind: 'team'; manager: Employee; team: Employee[] };

/** The summary the person may see, or undefined when they are neither a manager nor an FOI officer. */
export async function audienceOf(deps: FeatureDeps, aadObjectId: string | undefined): Promise<Audience | undefined> {
  if (await hasRole(deps, aadObjectId, 'foi-officer')) return { kind: 'council' };
  const managed = await managedTeam(deps, aadObjectId);
  return managed && { kind: 'team', ...managed };
}

/** The reports a summary over `days` days ending at `end` counts: that period and the one before, not the whole history. */
export function reportsForSummary(store: Store, end: Date, days: number): Promise<Report[]> {
  const { current, previous } = windowsFor(end, days);
  return store.reports.list({ submittedFrom: previous.from.toISOString(), submittedBefore: current.to.toISOString() });
}

/** The summary card for an audience over `days` days ending at `end`. Pure. */
export function summaryForAudience(reports: readonly Report[], audience: Audience, end: Date, days: number, timeZone: string): AdaptiveCard {
  const windows = windowsFor(end, days);
  const scope = audience.kind === 'council' ? 'council' : idsOf(audience.team);
  return summaryCard({
    scope: audience.kind === 'council' ? { kind: 'council' } : { kind: 'team', size: audience.team.length },
    windows,
    days,
    figures: summarise(reports, scope, windows),
    timeZone
  });
}
