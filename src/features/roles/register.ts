/**
 * "role": admins list, add and remove FOI officers and admins. Grants are stored and
 * audited; the ids in config (ADMIN_IDS, FOI_OFFICER_IDS) always hold their role, and no
 * command can take it away.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { senderId } from '../../shared/activity.js';
import { cardAttachment } from '../../shared/cards.js';
import type { RoleCommand } from '../../shared/command-arguments.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { checkRole, refusalText } from '../../shared/roles.js';
import { noticeCard } from '../../shared/notice.js';
import { GRANTABLE_ROLES } from '../../store/types.js';

const ROLE_NAMES = { admin: 'admin', 'foi-officer': 'FOI officer' } as const;

/** How to say the role command, for an admin whose add or remove could not be read. */
export const ROLE_USAGE = `Say "role add foi-officer <object id>", "role remove admin <object id>" or "role list". Roles: ${GRANTABLE_ROLES.join(', ')}. The object id is the person\u2019s Entra ID object id (a GUID).`;

export function register(app: BotApp, deps: FeatureDeps): void {
  const { store, log, now } = deps;

  async function answer(context: TurnContext, command: RoleCommand): Promise<{ title: string; message: string }> {
    const actorId = senderId(context) ?? 'unknown';
    if (command.action === 'usage') return { title: 'Role command', message: ROLE_USAGE };
    if (command.action === 'list') {
      const named = async (id: string) => `${(await store.people.getEmployeeByAadObjectId(id))?.name ?? 'not in the roster'} (${id})`;
      const lines = await Promise.all([
        ...deps.config.adminIds.map(async (id) => `Admin (config): ${await named(id)}`),
        ...deps.config.foiOfficerIds.map(async (id) => `FOI officer (config): ${await named(id)}`),
        ...(await store.roles.list()).map(async (g) => `${g.role === 'admin' ? 'Admin' : 'FOI officer'} (added ${g.grantedAt.slice(0, 10)}): ${await named(g.aadObjectId)}`)
      ]);
      return { title: 'Roles', message: lines.length ? lines.join('\n\n') : 'No admins or FOI officers yet.' };
    }
    const id = command.aadObjectId.toLowerCase();
    const name = ROLE_NAMES[command.role];
    const audit = (detail: string) => store.audit.add({ at: now().toISOString(), actorId, action: `role.${command.action}`, target: id, outcome: 'done', detail });
    if (command.action === 'add') {
      const added = await store.roles.add({ aadObjectId: id, role: command.role, grantedBy: actorId, grantedAt: now().toISOString() });
      await audit(`${command.role}${added ? '' : ' (already held)'}`);
      log.info({ event: 'role.added', role: command.role, changed: added }, 'role granted');
      return { title: 'Role added', message: added ? `${id} is now an ${name}.` : `${id} was already an ${name}; nothing changed.` };
    }
    if ((command.role === 'admin' ? deps.config.adminIds : deps.config.foiOfficerIds).includes(id)) {
      await audit(`${command.role} (set in config, not removed)`);
      return { title: 'Set in config', message: `${id} is an ${name} in the bot\u2019s configuration, which a command cannot change. Remove them from ${command.role === 'admin' ? 'ADMIN_IDS' : 'FOI_OFFICER_IDS'} and restart the bot.` };
    }
    const removed = await store.roles.remove(id, command.role);
    await audit(`${command.role}${removed ? '' : ' (not held)'}`);
    log.info({ event: 'role.removed', role: command.role, changed: removed }, 'role removed');
    return { title: 'Role removed', message: removed ? `${id} is no longer an ${name}.` : `${id} was not an ${name} added here; nothing changed.` };
  }

  onCommand(app, 'role', async (context, command) => {
    const notice = (await checkRole(context, deps, 'admin', `role.${command.action}`))
      ? await answer(context, command)
      : { title: 'Roles are for admins', message: refusalText('admin') };
    await context.sendActivity(MessageFactory.attachment(cardAttachment(noticeCard(notice.title, notice.message))));
  });
}
