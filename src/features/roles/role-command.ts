/** The words of the "role" command, read into what an admin asked for. Pure. */
import { GRANTABLE_ROLES, type GrantableRole } from '../../store/types.js';

export type RoleCommand = { action: 'list' } | { action: 'add' | 'remove'; role: GrantableRole; aadObjectId: string } | { action: 'usage' };

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_WORDS: Record<string, GrantableRole> = { admin: 'admin', 'foi-officer': 'foi-officer', 'foi officer': 'foi-officer', foi: 'foi-officer', officer: 'foi-officer' };

/**
 * Reads "role", "role list", "role add foi-officer <object id>" or "role remove admin <object id>".
 * Undefined when the text is not a role command at all (e.g. a policy question that starts
 * with "role"); `usage` when it is one but could not be read.
 */
export function parseRoleCommand(text: string): RoleCommand | undefined {
  const words = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (['role', 'role list', 'list roles', 'show roles'].includes(words)) return { action: 'list' };
  const match = /^role (add|remove) (.+)$/.exec(words);
  if (!match) return undefined;
  const rest = match[2].split(' ');
  const id = rest.pop() ?? '';
  const role = ROLE_WORDS[rest.join(' ')];
  if (!role || !OBJECT_ID.test(id)) return { action: 'usage' };
  return { action: match[1] as 'add' | 'remove', role, aadObjectId: id };
}

export const ROLE_USAGE = `Say "role add foi-officer <object id>", "role remove admin <object id>" or "role list". Roles: ${GRANTABLE_ROLES.join(', ')}. The object id is the person\u2019s Entra ID object id (a GUID).`;
