/**
 * The words people see for the report lists in `store/types.ts`, in the order and wording
 * of the FOI questionnaire where it has one. Shared by the report cards, "my reports" and
 * anything else that shows a report.
 */
import type { ComplaintCause, Device, DeviceComplaint, ReportKind, ReportStatus, SharedWith, SharingReason, TaskCode, ToldNotTo } from '../store/types.js';
import type { CardFact } from './cards.js';
import { readableDate } from './dates.js';

/** FOI question c's council devices. */
export const DEVICE_LABELS: Record<Device, string> = {
  'basic-mobile': 'Basic mobile phone',
  smartphone: 'Smartphone',
  tablet: 'Tablet',
  laptop: 'Laptop computer',
  desktop: 'Desktop computer'
};

/** FOI question d's tasks a to h. */
export const TASK_LABELS: Record<TaskCode, string> = {
  a: 'Access centrally stored information on the people I work with',
  b: 'Save case information to the device',
  c: 'Save case information to central storage (for example over VPN)',
  d: 'Email colleagues',
  e: 'Use collaboration tools (for example Teams)',
  f: 'Contact the children or vulnerable people I work with',
  g: 'Contact people outside the council (for example partners or contractors)',
  h: 'Personal tasks (for example personal email)'
};

/** FOI question e's examples of why work could not be done. */
export const CAUSE_LABELS: Record<ComplaintCause, string> = {
  'device-problem': 'A problem with the device',
  'accessing-information': 'Difficulty accessing information',
  training: 'Lack of training',
  other: 'Something else'
};

export const SHARED_WITH_LABELS: Record<SharedWith, string> = {
  child: 'A child or young person',
  'vulnerable-adult-or-family': 'A vulnerable adult or their family',
  'external-professional': 'An external professional or partner',
  other: 'Someone else'
};

export const TOLD_NOT_TO_LABELS: Record<ToldNotTo, string> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure'
};

export const SHARING_REASON_LABELS: Record<SharingReason, string> = {
  'no-council-phone': 'No council phone',
  'council-phone-not-working': 'Council phone not working or no signal',
  'out-of-hours': 'Needed contact out of hours',
  other: 'Something else'
};

export const STATUS_LABELS: Record<ReportStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  void: 'Voided by an admin'
};

export const KIND_LABELS: Record<ReportKind, string> = {
  'device-complaint': 'Device problem',
  'number-sharing': 'Personal number sharing'
};

/**
 * What a device complaint says, as its cards list it: to the reporter ("What stopped you")
 * or about them, to their manager ("What stopped them").
 */
export function complaintFacts(report: DeviceComplaint, person: 'you' | 'them'): CardFact[] {
  return [
    { title: 'Reference', value: report.id },
    { title: 'Device', value: DEVICE_LABELS[report.device] },
    { title: `What stopped ${person}`, value: CAUSE_LABELS[report.cause] },
    { title: `Tasks ${person === 'you' ? 'you' : 'they'} could not do`, value: report.blockedTasks.map((task) => TASK_LABELS[task]).join('; ') },
    { title: 'When', value: readableDate(report.occurredOn) }
  ];
}

/** Choices for an `Input.ChoiceSet`, in the list's order. */
export function choicesOf<T extends string>(values: readonly T[], labels: Record<T, string>): Array<{ value: T; title: string }> {
  return values.map((value) => ({ value, title: labels[value] }));
}
