/**
 * The policy wherever staff write: a search-based message extension (type a few words in
 * the compose box, pick a section, insert its card) and link unfurling for
 * `POLICY_URL#section-id` links. Both use the bot's own retrieval. What people type here is
 * searched and forgotten: it is neither logged nor stored.
 */
import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult, type TurnContext } from 'botbuilder';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { CARD_CONTENT_TYPE } from '../../shared/cards.js';
import { answerCard } from './cards.js';
import type { PolicyIndex } from './retrieval.js';
import { RELATED_SCORE } from './verdict.js';

/** The manifest's `composeExtensions[0].commands[0].id`. */
export const POLICY_SEARCH_COMMAND = 'searchPolicy';
/** The search command's one parameter: the words typed. */
export const POLICY_SEARCH_PARAMETER = 'query';
/** Longest search text read; the compose box is for a few words. */
export const MAX_SEARCH_CHARS = 200;
/** The one-line preview under each result's title. */
const PREVIEW_CHARS = 110;

/** What `selectItem` is given back for a result: the section to insert. */
export interface PolicySearchItem {
  sectionId: string;
}

/** Teams' markup for a card inserted from a message extension, in the text of the message that carries it. */
const INSERTED_CARD_MARKUP = /class="inline-compose-card"/;

/**
 * What the person typed in a message, without the markup Teams adds for a card inserted
 * from the compose box (`<span class="inline-compose-card" ...>`): a policy card shared in
 * the chat with the bot is not a question.
 */
export function typedText(text: string | undefined): string {
  const raw = text ?? '';
  if (!INSERTED_CARD_MARKUP.test(raw)) return raw.trim();
  return raw.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One line of a passage, cut at a word, for a result's preview. */
export function previewLine(passage: string, max = PREVIEW_CHARS): string {
  const line = passage.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.]+$/, '')}\u2026`;
}

/**
 * The section a link points at, when it is a link to the policy: same address as
 * `policyUrl` (ignoring a trailing slash and letter case of the host), with `#section-id`.
 */
export function linkedSectionId(policyUrl: string, link: string): string | undefined {
  let url: URL;
  let policy: URL;
  try {
    url = new URL(link);
    policy = new URL(policyUrl);
  } catch {
    return undefined;
  }
  const bare = (u: URL) => `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  if (bare(url) !== bare(policy)) return undefined;
  const id = decodeURIComponent(url.hash.replace(/^#/, ''));
  return id || undefined;
}

/**
 * Registers the compose-box search (`composeExtension/query` for {@link POLICY_SEARCH_COMMAND}
 * and `composeExtension/selectItem`) and link unfurling (`composeExtension/queryLink`).
 * @param live the policy in force (a reload may swap it), the one the bot answers questions from.
 */
export function registerComposeExtension(app: BotApp, deps: FeatureDeps, live: { readonly index: PolicyIndex }): void {
  const { config, log } = deps;
  const sample = !config.policy.file;

  /** The card inserted into a conversation: the passage, its section, the link; no vote (it is not a question). */
  function sectionAttachment(sectionId: string, passage: string): MessagingExtensionAttachment | undefined {
    const section = live.index.section(sectionId);
    if (!section) return undefined;
    const card = answerCard({
      policyTitle: live.index.document.title, policyUrl: config.policy.url, sample, sectionId: section.id, sectionTitle: section.title,
      passage, question: '', showDeviceProblem: false
    });
    // No tap on the preview: Teams then inserts the card as it is.
    const preview = CardFactory.thumbnailCard(section.title, previewLine(passage));
    return { contentType: CARD_CONTENT_TYPE, content: card, preview };
  }

  function wholeSection(sectionId: string): string {
    return live.index.section(sectionId)?.paragraphs.join('\n\n') ?? '';
  }

  const list = (attachments: MessagingExtensionAttachment[]): MessagingExtensionResult => ({ type: 'result', attachmentLayout: 'list', attachments });
  const message = (text: string): MessagingExtensionResult => ({ type: 'message', text });

  app.messageExtensions.query(POLICY_SEARCH_COMMAND, async (_context: TurnContext, _state, query) => {
    const typed = String(query.parameters[POLICY_SEARCH_PARAMETER] ?? '').trim().slice(0, MAX_SEARCH_CHARS);
    if (!typed) {
      // Nothing typed yet (the command opens with an initial run): every section, in the policy's order.
      log.info({ event: 'policy.search', results: live.index.document.sections.length, initial: true }, 'policy searched from the compose box');
      return list(live.index.document.sections.slice(0, query.count).flatMap((s) => sectionAttachment(s.id, wholeSection(s.id)) ?? []));
    }
    const found = await live.index.answer(typed);
    if (found.otherTopic) {
      log.info({ event: 'policy.search', results: 0, otherTopic: true }, 'policy searched from the compose box');
      const where = found.otherTopic.where ? ` ${found.otherTopic.where}` : '';
      return message(`The ICT policy does not cover that.${where}`);
    }
    // Below the chat's answer bar on purpose: a search lists sections to look at and the person picks one.
    const worthALook = found.closest.filter((match) => match.score >= RELATED_SCORE);
    const attachments = worthALook.flatMap((match) => sectionAttachment(match.sectionId, live.index.passage(match.sectionId, typed)) ?? []);
    log.info({ event: 'policy.search', results: attachments.length, answered: found.answered }, 'policy searched from the compose box');
    if (attachments.length === 0) return message(`No section of the policy matches those words. Try other words, or contact ${config.ictContact}.`);
    return list(attachments);
  });

  app.messageExtensions.selectItem(async (_context: TurnContext, _state, item: Partial<PolicySearchItem>) => {
    const attachment = typeof item.sectionId === 'string' ? sectionAttachment(item.sectionId, wholeSection(item.sectionId)) : undefined;
    log.info({ event: 'policy.search.selected', found: Boolean(attachment) }, 'policy section chosen from the compose box');
    return attachment ? list([attachment]) : message('That section is not in the policy any more. Search again.');
  });

  app.messageExtensions.queryLink(async (_context: TurnContext, _state, url: string) => {
    const sectionId = linkedSectionId(config.policy.url, String(url ?? ''));
    const attachment = sectionId ? sectionAttachment(sectionId, wholeSection(sectionId)) : undefined;
    log.info({ event: 'policy.link', unfurled: Boolean(attachment) }, 'policy link pasted');
    // An unknown section or another page on the policy's site: no card, Teams shows the plain link.
    return list(attachment ? [attachment] : []);
  });
}
