/** Valid card submissions for the security tests, one per card that stores something. */
import { randomUUID } from 'node:crypto';

/** The fixed clock the security tests run the bot on. */
export const SECURITY_NOW = new Date('2026-03-02T10:00:00Z');

/** Today in the council's time zone, so a report's date is always one the bot allows. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** A device complaint the server accepts (cohort answers included, as for someone new). */
export function validComplaint(description = 'The laptop would not join the VPN at a home visit.'): Record<string, unknown> {
  return {
    submissionId: randomUUID(),
    device: 'laptop',
    cause: 'device-problem',
    blockedTasks: 'a,c',
    occurredOn: '2026-02-27',
    description,
    worksWithChildrenOrVulnerable: 'yes',
    remoteOrFlexible: 'yes'
  };
}

/** A profile the server accepts. */
export function validProfile(): Record<string, unknown> {
  return { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: 'laptop,smartphone' };
}

/** A Teams sender with its own Entra object id, numbered. */
export function staffMember(n: number) {
  const hex = n.toString(16).padStart(12, '0');
  return { id: `29:staff-${n}`, name: `Staff ${n}`, aadObjectId: `00000000-0000-0000-0000-${hex}` };
}
