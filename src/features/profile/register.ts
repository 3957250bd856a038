/** "profile": staff keep their cohort answers and devices, stored by Teams object id. */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import { onCommand } from '../../shared/command-routes.js';
import { senderId } from '../../shared/activity.js';
import { keptValues } from '../../shared/validation.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { unknownSenderCard } from '../../shared/notice.js';
import { checkProfile, PROFILE_FIELDS, PROFILE_VERBS, profileCard, profileValues, type ProfileCardValues } from './profile.js';

const UNKNOWN_SENDER = unknownSenderCard('keep a profile for you');

export function register(app: BotApp, deps: FeatureDeps): void {
  const { store, log, now } = deps;

  async function currentCard(context: TurnContext): Promise<AdaptiveCard> {
    const id = senderId(context);
    if (!id) return UNKNOWN_SENDER;
    return profileCard(profileValues(await store.people.getProfile(id)));
  }

  onCommand(app, 'profile', async (context) => {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(await currentCard(context))));
  });

  onCardAction(app, PROFILE_VERBS.open, async (context) => currentCard(context));

  onCardAction(app, PROFILE_VERBS.save, async (context, data) => {
    const id = senderId(context);
    if (!id) return UNKNOWN_SENDER;
    const checked = checkProfile(data);
    if (!checked.ok) {
      log.info({ event: 'profile.rejected', fields: Object.keys(checked.errors) }, 'profile submission rejected');
      return profileCard(keptValues(data, PROFILE_FIELDS) as ProfileCardValues, { errors: checked.errors });
    }
    const profile = { aadObjectId: id, ...checked.value, updatedAt: now().toISOString() };
    await store.people.saveProfile(profile);
    log.info({ event: 'profile.saved' }, 'profile saved');
    return profileCard(profileValues(profile), { saved: true });
  });
}
