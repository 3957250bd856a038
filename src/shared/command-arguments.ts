/**
 * What may follow a command's words, one grammar per command that takes an argument. A
 * message is that command only when what follows reads by its grammar: "summary month" is
 * the summary, "summary of the social media rules" is a policy question. An argument in
 * the command's shape but out of range (a period of 500 days, 2020-02-30) is still the
 * command, so the person is told what it takes. Pure functions, tested with plain text.
 */
import type { GrantableRole } from '../store/types.js';
import { isCalendarDate } from './dates.js';
import { isGuid } from './validation.js';

/** The longest period a summary covers. */
export const MAX_PERIOD_DAYS = 366;

/** After "summary": a period of 1 to {@link MAX_PERIOD_DAYS} days, or a period beyond that. */
export type SummaryPeriod = { kind: 'days'; days: number } | { kind: 'out-of-range' };

const NAMED_PERIODS: Record<string, number> = { week: 7, weekly: 7, fortnight: 14, month: 30, monthly: 30, quarter: 91, year: 365 };
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, year: 365, years: 365 };

/**
 * Reads the period after "summary": nothing (7 days), "week", "month", "quarter", "year", or
 * "N days/weeks/months/years", with filler such as "the last" allowed. Undefined for
 * anything else, which is then not the summary command.
 */
export function readSummaryPeriod(argument: string): SummaryPeriod | undefined {
  const words = argument.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\b(last|the|past|for|this|a)\b/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'days', days: 7 };
  if (words.length === 1 && NAMED_PERIODS[words[0]]) return { kind: 'days', days: NAMED_PERIODS[words[0]] };
  if (words.length === 2 && /^\d{1,4}$/.test(words[0]) && UNIT_DAYS[words[1]]) {
    const days = Number(words[0]) * UNIT_DAYS[words[1]];
    return days >= 1 && days <= MAX_PERIOD_DAYS ? { kind: 'days', days } : { kind: 'out-of-range' };
  }
  return undefined;
}

/** After "foi": nothing (today), a calendar date, or something written like a date that is not one. */
export type FoiDate = { kind: 'today' } | { kind: 'date'; date: string } | { kind: 'not-a-date' };

/** Written like a date (digits and separators), so meant as one even when it is not a real YYYY-MM-DD. */
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;

/** Reads the as-of date after "foi"; undefined for anything else, e.g. "foi rules for my team". */
export function readFoiDate(argument: string): FoiDate | undefined {
  const text = argument.trim();
  if (text === '') return { kind: 'today' };
  if (isCalendarDate(text)) return { kind: 'date', date: text };
  return DATE_LIKE.test(text) ? { kind: 'not-a-date' } : undefined;
}

/** After "role": list the roles, add or remove one, or an add/remove that could not be read. */
export type RoleCommand = { action: 'list' } | { action: 'add' | 'remove'; role: GrantableRole; aadObjectId: string } | { action: 'usage' };

const ROLE_WORDS: Record<string, GrantableRole> = { admin: 'admin', 'foi-officer': 'foi-officer', 'foi officer': 'foi-officer', foi: 'foi-officer', officer: 'foi-officer' };

/**
 * Reads what follows "role": nothing or "list", "add foi-officer <object id>", "remove admin
 * <object id>". An add or remove that cannot be read is `usage`; anything else (e.g. "role
 * of managers in the ICT policy") is undefined, not the role command.
 */
export function readRoleCommand(argument: string): RoleCommand | undefined {
  const words = argument.trim().replace(/\s+/g, ' ').toLowerCase();
  if (words === '' || words === 'list') return { action: 'list' };
  const match = /^(add|remove)(?: (.+))?$/.exec(words);
  if (!match) return undefined;
  const rest = (match[2] ?? '').split(' ');
  const id = rest.pop() ?? '';
  const role = ROLE_WORDS[rest.join(' ')];
  if (!role || !isGuid(id)) return { action: 'usage' };
  return { action: match[1] as 'add' | 'remove', role, aadObjectId: id };
}

