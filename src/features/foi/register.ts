/**
 * "foi" (optionally "foi 2020-02-11"): the FOI figures card for FOI officers, and the
 * spreadsheet sent as a file in their personal chat. Every step checks the role again. The
 * figures are counted once per request: the card's buttons and the upload use the figures
 * the card showed (kept-figures.ts), and count again only when those are gone.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from '../../shared/activity.js';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { checkRole, refusalText } from '../../shared/roles.js';
import { noticeCard } from '../../shared/notice.js';
import { FOI_VERBS, foiCard } from './card.js';
import { calendarDate, isCalendarDate } from '../../shared/dates.js';
import { figuresXlsx } from './exports.js';
import type { FoiFigures } from './figures.js';
import { fileConsentCard, fileInfoCard, uploadFile, uploadInfoOf } from './file-consent.js';
import { keepFigures, keptFigures } from './kept-figures.js';
import { loadOrganisation, OrganisationError } from './organisation.js';
import { figuresFromStore } from './service.js';
import { METRICS } from '../../shared/telemetry.js';

const PRIVATE_ONLY = noticeCard('FOI figures are private', 'I only show FOI figures in your 1:1 chat with me. Open a chat with me and say "foi" there.');
const DATE_HELP = noticeCard('Which date?', 'Say "foi" for today\u2019s figures, or "foi" and a date written YYYY-MM-DD, for example "foi 2020-02-11", for the figures as of the day a request arrived.');

function isCard<T extends object>(value: T | AdaptiveCard): value is AdaptiveCard {
  return (value as AdaptiveCard).type === 'AdaptiveCard';
}

export function register(app: BotApp, deps: FeatureDeps): void {
  const { config, log, store } = deps;
  const refusal = noticeCard('FOI figures are for FOI officers', refusalText('foi-officer'));

  /** The figures as of `asOf`, or a card saying why not (a future date, a bad organisation file). */
  async function figuresFor(asOf: string): Promise<FoiFigures | AdaptiveCard> {
    if (asOf > calendarDate(deps.now(), config.timeZone)) return noticeCard('That date is in the future', 'FOI figures are for today or an earlier date.');
    try {
      const organisation = await loadOrganisation(config.organisationFile);
      deps.telemetry?.count(METRICS.foiRuns);
      return await figuresFromStore(store, organisation, { asOf, timeZone: config.timeZone });
    } catch (error) {
      if (error instanceof OrganisationError) return noticeCard('The organisation file needs fixing', error.message);
      throw error;
    }
  }

  /**
   * The figures the card with `requestId` showed the sender, or else counted now and kept
   * under a new request id; or a card saying why there are none.
   */
  async function requestFigures(context: TurnContext, asOf: string, requestId?: unknown): Promise<{ figures: FoiFigures; requestId: string } | AdaptiveCard> {
    const officer = senderId(context) ?? 'unknown';
    const kept = await keptFigures(store.botState, officer, requestId, asOf);
    if (kept) return { figures: kept, requestId: requestId as string };
    const figures = await figuresFor(asOf);
    return isCard(figures) ? figures : { figures, requestId: await keepFigures(store.botState, officer, figures) };
  }

  /** Checks role and chat for `action`; returns the card to answer with when the person may not go on. */
  async function refusedFor(context: TurnContext, action: string): Promise<AdaptiveCard | undefined> {
    if (!(await checkRole(context, deps, 'foi-officer', action))) return refusal;
    if (!isPersonalChat(context)) return PRIVATE_ONLY;
    return undefined;
  }

  onCommand(app, 'foi', async (context, when) => {
    const refused = await refusedFor(context, 'foi');
    const asOf = when.kind === 'date' ? when.date : calendarDate(deps.now(), config.timeZone);
    let card = refused ?? (when.kind === 'not-a-date' ? DATE_HELP : undefined);
    if (!card) {
      const request = await requestFigures(context, asOf);
      card = isCard(request) ? request : foiCard(request.figures, config.foiSuppressionThreshold, request.requestId);
      log.info({ event: 'foi.shown', asOf }, 'FOI figures shown');
    }
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  });

  onCardAction(app, FOI_VERBS.xlsx, async (context, data) => {
    const refused = await refusedFor(context, 'foi.xlsx');
    if (refused) return refused;
    const asOf = typeof data.asOf === 'string' && isCalendarDate(data.asOf) ? data.asOf : undefined;
    if (!asOf) return DATE_HELP;
    const request = await requestFigures(context, asOf, data.requestId);
    if (isCard(request)) return request;
    const { figures, requestId } = request;
    const published = data.published === true || data.published === 'true';
    const bytes = await figuresXlsx(figures, { published, threshold: config.foiSuppressionThreshold }, deps.now());
    const name = `foi-figures-${asOf}${published ? '-published' : ''}.xlsx`;
    const description = `FOI figures as of ${asOf}${published ? ', as published' : ', exact'}`;
    await context.sendActivity(MessageFactory.attachment(fileConsentCard(name, description, bytes.length, { asOf, published, requestId })));
    log.info({ event: 'foi.file.offered', asOf, published }, 'FOI spreadsheet offered');
    return foiCard(figures, config.foiSuppressionThreshold, requestId, 'I\u2019ve sent the spreadsheet below. Choose Allow to save it to your OneDrive.');
  });

  app.fileConsentAccept(async (context, _state, response) => {
    const upload = uploadInfoOf(response);
    const asked = (response as { context?: { asOf?: unknown; published?: unknown; requestId?: unknown } }).context ?? {};
    if ((await refusedFor(context, 'foi.xlsx')) || !upload || typeof asked.asOf !== 'string' || !isCalendarDate(asked.asOf)) {
      await context.sendActivity('I can\u2019t send that file. Say "foi" to see the figures again.');
      return;
    }
    const request = await requestFigures(context, asked.asOf, asked.requestId);
    if (isCard(request)) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(request)));
      return;
    }
    const bytes = await figuresXlsx(request.figures, { published: asked.published === true, threshold: config.foiSuppressionThreshold }, deps.now());
    try {
      await uploadFile(upload, bytes, config.bot !== undefined);
    } catch (error) {
      log.warn({ event: 'foi.file.failed', err: { message: (error as Error).message } }, 'FOI spreadsheet upload failed');
      await context.sendActivity('Sorry, I couldn\u2019t save the spreadsheet to your OneDrive. Please press the button again in a minute.');
      return;
    }
    await context.sendActivity(MessageFactory.attachment(fileInfoCard(upload)));
    log.info({ event: 'foi.file.sent', asOf: asked.asOf }, 'FOI spreadsheet sent');
  });

  app.fileConsentDecline(async (context) => {
    await context.sendActivity('OK, I haven\u2019t saved the spreadsheet. The figures card above still has the buttons if you want it later.');
    log.info({ event: 'foi.file.declined' }, 'FOI spreadsheet declined');
  });
}
