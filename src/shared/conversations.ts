/**
 * Conversation references: where to send a proactive card to one person. Captured from
 * every activity in a personal chat (install, first message, every turn after), because
 * Teams may move a conversation to another service URL. Most turns change nothing, so a
 * small in-memory fingerprint saves the store a read and a write on the hot path.
 */
import { TeamsInfo, TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from './activity.js';
import type { FeatureDeps } from './deps.js';
import type { ConversationRecord } from '../store/types.js';

/** What must match for a stored reference to still be right. */
function fingerprint(reference: Record<string, unknown>): string {
  const r = reference as { serviceUrl?: string; conversation?: { id?: string }; bot?: { id?: string }; user?: { id?: string } };
  return JSON.stringify([r.serviceUrl, r.conversation?.id, r.bot?.id, r.user?.id]);
}

/**
 * How long a reference seen stored is trusted without reading the store again: another
 * instance sharing the store may mark it gone, and a person who comes back must be seen.
 */
export const TRUST_STORED_MS = 5 * 60 * 1000;

export class ConversationBook {
  readonly #deps: FeatureDeps;
  /** aadObjectId -> fingerprint of the reference known to be stored and not gone, and until when that is trusted. */
  readonly #known = new Map<string, { print: string; until: number }>();

  constructor(deps: FeatureDeps) {
    this.#deps = deps;
  }

  /**
   * Stores the sender's reference when it is new, changed or was marked gone. Never fails
   * the turn: a store error is logged and the turn goes on.
   */
  async capture(context: TurnContext): Promise<void> {
    const id = senderId(context)?.toLowerCase();
    if (!id || !isPersonalChat(context) || !context.activity.serviceUrl || !context.activity.conversation?.id) return;
    const reference: Record<string, unknown> = { ...TurnContext.getConversationReference(context.activity) };
    // A reference replies to nothing in particular: proactive cards start a new message.
    delete reference.activityId;
    const print = fingerprint(reference);
    const known = this.#known.get(id);
    if (known?.print === print && known.until > this.#deps.now().getTime()) return;
    try {
      const stored = await this.#deps.store.conversations.get(id);
      if (!stored || stored.goneAt || fingerprint(stored.reference) !== print) {
        await this.#deps.store.conversations.save({ aadObjectId: id, reference, updatedAt: this.#deps.now().toISOString() });
        this.#deps.log.info({ event: 'conversation.saved', refreshed: Boolean(stored) }, 'conversation reference saved');
        await this.#linkRoster(context, id);
      }
      this.#known.set(id, { print, until: this.#deps.now().getTime() + TRUST_STORED_MS });
    } catch (error) {
      this.#deps.log.error({ event: 'conversation.save-failed', err: { message: (error as Error).message } }, 'could not save a conversation reference');
    }
  }

  /** The stored record for a person, if any. */
  get(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return this.#deps.store.conversations.get(aadObjectId.toLowerCase());
  }

  /** Teams answered 403/404: the app is gone for this person; send nothing more until they return. */
  async markGone(record: ConversationRecord): Promise<void> {
    this.#known.delete(record.aadObjectId);
    await this.#deps.store.conversations.save({ ...record, goneAt: this.#deps.now().toISOString() });
    this.#deps.log.warn({ event: 'conversation.gone' }, 'conversation reference marked gone');
  }

  /**
   * Links a roster row imported without a Teams object id to this person, by their Teams
   * email or user principal name, so that managers are recognised once they use the bot.
   */
  async #linkRoster(context: TurnContext, id: string): Promise<void> {
    const { people } = this.#deps.store;
    if (!(await people.hasUnlinkedEmployees()) || (await people.getEmployeeByAadObjectId(id))) return;
    let member: { email?: string; userPrincipalName?: string };
    try {
      member = await TeamsInfo.getMember(context, context.activity.from.id);
    } catch (error) {
      this.#deps.log.info({ event: 'roster.link-lookup-failed', err: { message: (error as Error).message } }, 'could not look up the Teams member');
      return;
    }
    const row = await people.findUnlinkedEmployee([member.email, member.userPrincipalName].filter((email): email is string => Boolean(email)));
    if (!row) return;
    // Linked meanwhile, by another instance sharing the store: nothing more to do.
    if (!(await people.linkEmployee(row.employeeId, id))) return;
    await this.#deps.store.audit.add({ at: this.#deps.now().toISOString(), actorId: id, action: 'roster.link', target: row.employeeId, outcome: 'done', detail: 'matched by Teams email' });
    this.#deps.log.info({ event: 'roster.linked', employeeId: row.employeeId }, 'roster row linked to a Teams user');
  }
}
