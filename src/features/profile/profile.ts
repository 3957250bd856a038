/** The profile card: its data, and the check of what it sends back. */
import { z } from 'zod';
import { renderCard, type AdaptiveCard, type CardChoice } from '../../shared/cards.js';
import { choicesOf } from '../../shared/report-labels.js';
import { cardChoice, cardMultiChoice, checkCardData, errorSlots, type Checked, type FieldErrors } from '../../shared/validation.js';
import { DEVICE_LABELS } from '../../shared/report-labels.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { DEVICES, type Profile } from '../../store/types.js';

export const PROFILE_VERBS = { open: OPEN_VERBS.profile, save: 'profile.save' } as const;

export const PROFILE_FIELDS = ['worksWithChildrenOrVulnerable', 'remoteOrFlexible', 'devices'] as const;

const profileSubmission = z.object({
  worksWithChildrenOrVulnerable: cardChoice(['yes', 'no'], 'Choose yes or no.'),
  remoteOrFlexible: cardChoice(['yes', 'no'], 'Choose yes or no.'),
  devices: cardMultiChoice(DEVICES, 'Choose only from the devices listed.')
});
export type ProfileSubmission = z.infer<typeof profileSubmission>;

/** Checks a profile card submission. */
export function checkProfile(data: unknown): Checked<ProfileSubmission> {
  return checkCardData(profileSubmission, data);
}

/** Shown values: a card's `value` is text, and a multi-select takes comma-separated values. */
export type ProfileCardValues = Record<(typeof PROFILE_FIELDS)[number], string>;

/** The values a saved profile shows on the card; unknown answers show as unchosen. */
export function profileValues(profile: Profile | undefined): ProfileCardValues {
  const answer = (value: string | undefined) => (value === 'yes' || value === 'no' ? value : '');
  return {
    worksWithChildrenOrVulnerable: answer(profile?.worksWithChildrenOrVulnerable),
    remoteOrFlexible: answer(profile?.remoteOrFlexible),
    devices: profile?.devices.join(',') ?? ''
  };
}

export interface ProfileCardData {
  values: ProfileCardValues;
  errors: Record<string, string>;
  hasErrors: boolean;
  saved: boolean;
  deviceChoices: CardChoice[];
  verb: string;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'profile.form': ProfileCardData;
  }
}

/** The profile card, with values to show and, after a bad submission, the problems. */
export function profileCard(values: ProfileCardValues, options: { saved?: boolean; errors?: FieldErrors } = {}): AdaptiveCard {
  const errors = options.errors ?? {};
  return renderCard('profile.form', {
    values,
    errors: errorSlots(PROFILE_FIELDS, errors),
    hasErrors: Object.keys(errors).length > 0,
    saved: options.saved ?? false,
    deviceChoices: choicesOf(DEVICES, DEVICE_LABELS),
    verb: PROFILE_VERBS.save
  });
}
