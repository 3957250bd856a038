/**
 * The verbs of buttons that open one feature from another feature's card: the help card's
 * "Report a device problem", the policy answer's, the confirmations' "See my reports".
 * The feature named handles its verb; the others only show the button. Verbs a feature
 * uses on its own cards alone (a form's submit, a vote) stay in that feature.
 */
export const OPEN_VERBS = {
  /** The help card. */
  help: 'help.show',
  /** Ask a policy question typed into a card. */
  ask: 'policy.ask',
  /** The device problem form. */
  complaint: 'complaint.open',
  /** The personal-number sharing form. */
  sharing: 'sharing.open',
  /** The profile card. */
  profile: 'profile.open',
  /** The person's own reports. */
  myReports: 'reports.list'
} as const;
