/**
 * The policy owner's "policy gaps" card and what its buttons do: link a question to the
 * section that answers it (or mark it not covered by this policy), and remove a link. Admins
 * only, checked on the server for every action; each change is audited (ids and the section,
 * not the question, which the link itself holds) and taught to the retrieval at once.
 */
import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { senderId } from '../../shared/activity.js';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { noticeCard } from '../../shared/notice.js';
import { checkRole, refusalText } from '../../shared/roles.js';
import { cardText, checkCardData, clip } from '../../shared/validation.js';
import { gapsCard, linkCard, POLICY_VERBS, targetTitle } from './cards.js';
import { policyGaps } from './gaps.js';
import type { LinkedQuestions } from './linked-questions.js';
import type { LivePolicy } from './live-policy.js';
import { OUT_OF_SCOPE } from './retrieval.js';

/** Longest question a link keeps: the same as a question asked. */
const MAX_LINK_QUESTION_CHARS = 500;

const linkSchema = z.object({
  question: cardText('This button is missing its question.'),
  /** The section askers opened instead (a section id); one the policy does not have is ignored. */
  suggested: z.string().max(200).optional().catch(undefined)
});
const unlinkSchema = z.object({ linkId: cardText('This button is missing its link.') });

/** Registers the "policy gaps" command and its cards' buttons: open, link, save, remove. */
export function registerGaps(app: BotApp, deps: FeatureDeps, live: LivePolicy, linked: LinkedQuestions): void {
  const { store, log, now } = deps;
  // Read at each action: a reload may have swapped the policy.
  const sections = () => live.index.document.sections;

  /** The card as the data stands now, with what the last action did. */
  async function currentCard(notice?: { text: string; problem?: boolean }): Promise<AdaptiveCard> {
    const [gaps, links] = await Promise.all([store.feedback.listGaps(), store.policyLinks.list()]);
    return gapsCard({ gaps: policyGaps(gaps, links), total: gaps.length, sections: sections(), links, notice });
  }

  /** Admins only: audits the refusal (checkRole does) and returns the card saying so; undefined when allowed. */
  async function refusal(context: TurnContext, action: string): Promise<AdaptiveCard | undefined> {
    if (await checkRole(context, deps, 'admin', action)) return undefined;
    return noticeCard('Policy gaps are for admins', refusalText('admin'));
  }

  onCommand(app, 'policy-gaps', async (context) => {
    if (!(await checkRole(context, deps, 'admin', 'policy-gaps'))) {
      await context.sendActivity(refusalText('admin'));
      return;
    }
    await context.sendActivity(MessageFactory.attachment(cardAttachment(await currentCard())));
    log.info({ event: 'policy.gaps' }, 'policy gaps shown');
  });

  onCardAction(app, POLICY_VERBS.gaps, async (context) => (await refusal(context, 'policy-gaps')) ?? currentCard());

  // "Link to a section": the choice starts at the section askers opened instead, else the one retrieval finds closest.
  onCardAction(app, POLICY_VERBS.link, async (context, data) => {
    const refused = await refusal(context, 'policy.link');
    if (refused) return refused;
    const checked = checkCardData(linkSchema, data);
    if (!checked.ok) return currentCard({ text: 'That button could not be read. Press "Link to a section" on the question again.', problem: true });
    const question = clip(checked.value.question.trim(), MAX_LINK_QUESTION_CHARS);
    const { suggested } = checked.value;
    const opened = suggested && live.index.section(suggested) ? suggested : undefined;
    return linkCard({ question, sections: sections(), suggested: opened ?? (await live.index.answer(question)).closest[0]?.sectionId });
  });

  onCardAction(app, POLICY_VERBS.save, async (context, data) => {
    const refused = await refusal(context, 'policy.link');
    if (refused) return refused;
    const checked = checkCardData(linkSchema, data);
    if (!checked.ok) return currentCard({ text: 'That link could not be read, so nothing was saved. Press "Link to a section" on the question again.', problem: true });
    const question = clip(checked.value.question.trim(), MAX_LINK_QUESTION_CHARS);
    const target = typeof data.target === 'string' ? data.target : '';
    if (!(target === OUT_OF_SCOPE || live.index.section(target))) {
      const problem = 'Choose the section that answers this question, or Not covered by this policy, then press Save link. Nothing was saved yet.';
      return linkCard({ question, sections: sections(), problem });
    }
    // checkRole passed, so the sender is known.
    const link = { id: randomUUID(), question, target, linkedBy: senderId(context)!, linkedAt: now().toISOString() };
    await store.policyLinks.save(link);
    await store.audit.add({ at: link.linkedAt, actorId: link.linkedBy, action: 'policy.link', target: link.id, outcome: 'done', detail: target });
    await linked.refresh();
    log.info({ event: 'policy.linked', linkId: link.id, sectionId: target }, 'policy question linked');
    const answer = target === OUT_OF_SCOPE ? 'are now declined as not covered by this policy' : `are now answered from \u201c${targetTitle(sections(), target)}\u201d`;
    return currentCard({ text: `Saved. \u201c${question}\u201d and questions worded like it ${answer}.` });
  });

  onCardAction(app, POLICY_VERBS.unlink, async (context, data) => {
    const refused = await refusal(context, 'policy.unlink');
    if (refused) return refused;
    const checked = checkCardData(unlinkSchema, data);
    if (!checked.ok) return currentCard({ text: 'That button could not be read, so nothing was removed. Press "Remove link" on the link again.', problem: true });
    const removed = await store.policyLinks.remove(checked.value.linkId);
    if (!removed) return currentCard({ text: 'That link was already removed. The list below is up to date.', problem: true });
    await store.audit.add({ at: now().toISOString(), actorId: senderId(context)!, action: 'policy.unlink', target: removed.id, outcome: 'done', detail: removed.target });
    await linked.refresh();
    log.info({ event: 'policy.unlinked', linkId: removed.id }, 'policy link removed');
    return currentCard({ text: `Removed. \u201c${removed.question}\u201d is matched against the policy\u2019s own wording again.` });
  });
}
