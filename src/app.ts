/**
 * Wires the bot: the teams-ai `Application`, the turn-error handler, the guards, and every
 * feature's routes. The only file that knows all the features.
 */
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityEventNames, ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { register as registerComplaints } from './features/complaints/register.js';
import { register as registerFoi } from './features/foi/register.js';
import { register as registerHelp } from './features/help/register.js';
import { register as registerMyReports } from './features/my-reports/register.js';
import { register as registerNotifications } from './features/notifications/register.js';
import { register as registerNumberSharing } from './features/number-sharing/register.js';
import { register as registerPolicy } from './features/policy/register.js';
import { register as registerProfile } from './features/profile/register.js';
import { register as registerRoles } from './features/roles/register.js';
import { register as registerSummaries } from './features/summaries/register.js';
import { rateLimitGuard } from './guards/rate-limit.js';
import { refuseTurn } from './guards/refuse.js';
import { repeatGuard } from './guards/repeat.js';
import { tenantGuard } from './guards/tenant.js';
import type { Logger } from './log.js';
import { ConversationBook } from './shared/conversations.js';
import type { BotApp, FeatureDeps } from './shared/deps.js';
import { BotEvents } from './shared/events.js';
import { createProactiveSender, type ProactiveSender } from './shared/proactive.js';

/**
 * Logs a failed turn without its text and tells the person something went wrong. A proactive
 * turn (the adapter's continuation event) gets no reply: nobody asked, and its sender
 * records and retries the failure itself.
 */
export function turnErrorHandler(log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error(
      { event: 'turn.error', activityType: context.activity.type, activityName: context.activity.name, err: { name: error.name, message: error.message, stack: error.stack } },
      'turn failed'
    );
    const proactive = [ActivityEventNames.ContinueConversation, ActivityEventNames.CreateConversation] as string[];
    if (context.activity.type === ActivityTypes.Event && proactive.includes(context.activity.name ?? '')) return;
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again in a minute; if it keeps happening, contact ICT.');
    } catch (sendError) {
      log.error({ event: 'turn.error.reply-failed', err: { message: (sendError as Error).message } }, 'could not tell the user');
    }
  };
}

/** The application and what proactive messages need, shared by the routes and the schedule. */
export interface BotParts {
  app: BotApp;
  conversations: ConversationBook;
  /** What features tell each other; `idle()` waits for background sends. */
  events: BotEvents;
  /** Absent when there is no adapter to send through (tests driving `app.run` directly). */
  proactive?: ProactiveSender;
}

/**
 * Builds the application, the conversation references and the proactive sender.
 * @param botState where conversation and user state is kept between turns; instances that
 *   share it can take turns in one conversation. Without it, state lasts one turn.
 */
export function createBotParts(coreDeps: FeatureDeps, adapter?: TeamsAdapter, botState?: Storage): BotParts {
  const events = coreDeps.events ?? new BotEvents(coreDeps.log);
  const deps: FeatureDeps = { ...coreDeps, events };
  const app = new Application<TurnState>({ adapter, botAppId: deps.config.bot?.appId, startTypingTimer: false, storage: botState });
  app.error(turnErrorHandler(deps.log));
  // Guards run before every route: another tenant is refused first, then a repeated delivery
  // is dropped (before it counts towards the limit), then floods are paused.
  app.turn('beforeTurn', tenantGuard(deps));
  app.turn('beforeTurn', repeatGuard(deps));
  app.turn('beforeTurn', rateLimitGuard(deps));

  const conversations = new ConversationBook(deps);
  const proactive = adapter && createProactiveSender({ adapter, botAppId: deps.config.bot?.appId ?? '', conversations, log: deps.log, telemetry: deps.telemetry });
  // Every activity, before any route: keep the sender's conversation reference current.
  app.turn('beforeTurn', async (context) => {
    await conversations.capture(context);
    return true;
  });

  registerHelp(app, deps);
  registerProfile(app, deps);
  registerSummaries(app, deps);
  registerRoles(app, deps);
  registerComplaints(app, deps);
  registerNumberSharing(app, deps);
  registerMyReports(app, deps);
  registerFoi(app, deps);
  registerNotifications(app, deps, { events, proactive });

  // Last: policy Q&A takes every message that no command above took.
  registerPolicy(app, deps);
  // After every route: an invoke none of them took (a card action with no verb or an unknown
  // one, an invoke kind the bot does not offer) is the client's mistake, so 400 rather than
  // the adapter's 501 for "no answer".
  app.activity(ActivityTypes.Invoke, async (context) => {
    const name = String(context.activity.name);
    deps.log.info({ event: 'invoke.unhandled', name: /^[\w-]+\/[\w-]+$/.test(name) ? name : 'other' }, 'invoke no route took');
    await refuseTurn(context, 400);
  });
  return { app, conversations, events, proactive };
}
