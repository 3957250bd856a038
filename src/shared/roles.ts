/**
 * Who may do what. Checked on the server for every command and card action: a card's
 * buttons are only a convenience, and a forged action is refused, audited and changes nothing.
 */
import type { TurnContext } from 'botbuilder';
import { senderId } from './activity.js';
import type { FeatureDeps } from './deps.js';

export type Role = 'admin' | 'foi-officer';

/** True when the person holds the role. Admins hold every FOI officer right. */
export async function hasRole(deps: FeatureDeps, aadObjectId: string | undefined, role: Role): Promise<boolean> {
  if (!aadObjectId) return false;
  const id = aadObjectId.toLowerCase();
  const { adminIds, foiOfficerIds } = deps.config;
  if (adminIds.includes(id)) return true;
  return role === 'foi-officer' && foiOfficerIds.includes(id);
}

/**
 * Checks the sender holds `role` for `action`. When not, audits the refusal and returns
 * false; the caller then answers politely and changes nothing.
 */
export async function checkRole(context: TurnContext, deps: FeatureDeps, role: Role, action: string): Promise<boolean> {
  const id = senderId(context);
  if (await hasRole(deps, id, role)) return true;
  await deps.store.addAudit({ at: deps.now().toISOString(), actorId: id ?? 'unknown', action, outcome: 'refused', detail: `needs role ${role}` });
  deps.log.warn({ event: 'role.refused', action, role }, 'action refused');
  return false;
}

/** What to tell someone who asked for something their role does not allow. */
export function refusalText(role: Role): string {
  const who = role === 'admin' ? 'the bot\u2019s admins' : 'the council\u2019s FOI officers';
  return `Sorry, only ${who} can do that. If you think you should have access, ask ICT.`;
}
