/**
 * Who may do what. Checked on the server for every command and card action: a card's
 * buttons are only a convenience, and a forged action is refused, audited and changes nothing.
 *
 * - Admins and FOI officers: the ids in config (always, and no command can take that away)
 *   plus the grants an admin adds with "role add" (see the roles feature).
 * - Managers: roster employees with at least one direct report, recognised by the Teams
 *   object id on their roster row.
 */
import type { TurnContext } from 'botbuilder';
import { METRICS } from './telemetry.js';
import { senderId } from './activity.js';
import type { FeatureDeps } from './deps.js';
import type { Employee } from '../store/types.js';

export type Role = 'admin' | 'foi-officer';

/** True when the id is in config for the role. Admins hold every FOI officer right. */
export function hasConfigRole(deps: Pick<FeatureDeps, 'config'>, aadObjectId: string, role: Role): boolean {
  const id = aadObjectId.toLowerCase();
  const { adminIds, foiOfficerIds } = deps.config;
  if (adminIds.includes(id)) return true;
  return role === 'foi-officer' && foiOfficerIds.includes(id);
}

/** True when the person holds the role, from config or a stored grant. Admins hold every FOI officer right. */
export async function hasRole(deps: FeatureDeps, aadObjectId: string | undefined, role: Role): Promise<boolean> {
  if (!aadObjectId) return false;
  if (hasConfigRole(deps, aadObjectId, role)) return true;
  const granted = await deps.store.roles.rolesOf(aadObjectId);
  return granted.includes('admin') || granted.includes(role);
}

/** The manager's roster row and their direct reports, or undefined when the person manages no one. */
export async function managedTeam(deps: FeatureDeps, aadObjectId: string | undefined): Promise<{ manager: Employee; team: Employee[] } | undefined> {
  if (!aadObjectId) return undefined;
  const manager = await deps.store.people.getEmployeeByAadObjectId(aadObjectId);
  if (!manager) return undefined;
  const team = await deps.store.people.listDirectReports(manager.employeeId);
  return team.length > 0 ? { manager, team } : undefined;
}

/** Audits a refused action and logs it (ids and the action only). */
export async function auditRefusal(context: TurnContext, deps: FeatureDeps, action: string, needs: string, target?: string): Promise<void> {
  const id = senderId(context);
  await deps.store.audit.add({ at: deps.now().toISOString(), actorId: id ?? 'unknown', action, target, outcome: 'refused', detail: `needs ${needs}` });
  deps.telemetry?.count(METRICS.refusals, { reason: 'role', action });
  deps.log.warn({ event: 'role.refused', action, needs }, 'action refused');
}

/**
 * Checks the sender holds `role` for `action`. When not, audits the refusal and returns
 * false; the caller then answers politely and changes nothing.
 */
export async function checkRole(context: TurnContext, deps: FeatureDeps, role: Role, action: string): Promise<boolean> {
  if (await hasRole(deps, senderId(context), role)) return true;
  await auditRefusal(context, deps, action, `role ${role}`);
  return false;
}

/** What to tell someone who asked for something their role does not allow. */
export function refusalText(role: Role | 'manager'): string {
  const who = { admin: 'the bot\u2019s admins', 'foi-officer': 'the council\u2019s FOI officers', manager: 'managers (for their own team) and FOI officers' }[role];
  return `Sorry, only ${who} can do that. If you think you should have access, ask ICT.`;
}
