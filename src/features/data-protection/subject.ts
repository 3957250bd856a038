/**
 * Subject access and erasure for one person, named by Entra object id or employee id.
 * Pure functions over the stored data; the CLI applies and audits them.
 *
 * Erasure keeps the FOI figures true: the person's reports stay, with every id of theirs
 * replaced by one random pseudonym (so "distinct employees" still counts them once) and the
 * free text removed. Their profile, roster row, conversation reference, role grants and the
 * policy questions they asked go. Policy links they made as an admin stay (the policy owner's
 * work, not about them), with the pseudonym in place of their id.
 */
import type { StoredData } from '../../store/store.js';
import type { Report } from '../../store/types.js';

/** Report fields that hold free text or a name: dropped on erasure. */
export const REPORT_FREE_TEXT = ['description', 'note', 'sharerName'] as const;

/** Everything held about one person, for a subject access request. */
export interface SubjectExport {
  ids: string[];
  roster: StoredData['employees'];
  profile: StoredData['profiles'];
  reportsMade: Report[];
  /** Reports by someone else that name this person; the reporter's identity is withheld. */
  reportsNamingThem: Report[];
  conversation: StoredData['conversations'];
  roleGrants: StoredData['roles'];
  summaryDeliveries: Array<{ runKey: string; outcome: string; at: string }>;
  audit: StoredData['audit'];
  /** Policy questions they asked (kept with the asker's id so only they can vote on the answer). */
  feedback: StoredData['feedback'];
  /** Questions they, as an admin, linked to a policy section or marked out of scope. */
  policyLinks: StoredData['policyLinks'];
}

const same = (ids: Set<string>) => (value: unknown) => typeof value === 'string' && ids.has(value.toLowerCase());

/**
 * Every id the person is known by: the one given, plus the roster's link between employee id
 * and Entra object id.
 */
export function subjectIds(data: StoredData, id: string): Set<string> {
  const ids = new Set([id.trim().toLowerCase()]);
  for (const employee of data.employees) {
    const linked = [employee.employeeId, employee.aadObjectId].filter((v): v is string => typeof v === 'string');
    if (linked.some((v) => ids.has(v.toLowerCase()))) linked.forEach((v) => ids.add(v.toLowerCase()));
  }
  return ids;
}

/** What is held about the person, for export. */
export function exportSubject(data: StoredData, id: string): SubjectExport {
  const ids = subjectIds(data, id);
  const is = same(ids);
  return {
    ids: [...ids],
    roster: data.employees.filter((e) => is(e.employeeId) || is(e.aadObjectId)),
    profile: data.profiles.filter((p) => is(p.aadObjectId)),
    reportsMade: data.reports.filter((r) => is(r.reporterId)),
    reportsNamingThem: data.reports
      .filter((r) => r.kind === 'number-sharing' && is(r.sharerId) && !is(r.reporterId))
      .map((r) => ({ ...r, reporterId: 'withheld (another member of staff)', history: r.history.map((h) => ({ ...h, by: is(h.by) ? h.by : 'withheld' })) })),
    conversation: data.conversations.filter((c) => is(c.aadObjectId)),
    roleGrants: data.roles.filter((g) => is(g.aadObjectId)),
    summaryDeliveries: data.summaryRuns.flatMap((run) =>
      run.deliveries.filter((d) => is(d.managerId)).map((d) => ({ runKey: run.runKey, outcome: d.outcome, at: d.at }))
    ),
    audit: data.audit.filter((a) => is(a.actorId) || is(a.target)),
    feedback: data.feedback.filter((f) => is(f.askerId)),
    policyLinks: data.policyLinks.filter((l) => is(l.linkedBy))
  };
}

/** How many records an erasure removed or changed. */
export interface ErasureCounts {
  removed: { roster: number; profile: number; conversation: number; roleGrants: number; feedback: number };
  anonymised: { reports: number; audit: number; summaryDeliveries: number; policyLinks: number };
}

/** Fields that hold a person's id, in any record. Only these are ever replaced. */
export const ID_FIELDS = new Set(['reporterId', 'sharerId', 'by', 'actorId', 'target', 'managerId', 'aadObjectId', 'employeeId', 'grantedBy', 'linkedBy']);

/** Replaces the person's ids with the pseudonym in every id field, at any depth of a record. */
function replaceIds<T>(value: T, is: (v: unknown) => boolean, pseudonym: string): T {
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, is, pseudonym)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, ID_FIELDS.has(k) && is(v) ? pseudonym : replaceIds(v, is, pseudonym)])
    ) as T;
  }
  return value;
}

/**
 * The data after erasing the person: records keyed by them removed, records mentioning them
 * kept with the pseudonym in place of their ids and, for reports, without free text.
 */
export function eraseSubject(data: StoredData, id: string, pseudonym: string): { data: StoredData; counts: ErasureCounts } {
  const ids = subjectIds(data, id);
  const is = same(ids);
  const mentions = (record: unknown) => JSON.stringify(replaceIds(record, is, pseudonym)) !== JSON.stringify(record);

  const employees = data.employees.filter((e) => !(is(e.employeeId) || is(e.aadObjectId)));
  const profiles = data.profiles.filter((p) => !is(p.aadObjectId));
  const conversations = data.conversations.filter((c) => !is(c.aadObjectId));
  const roles = data.roles.filter((g) => !is(g.aadObjectId));
  const feedback = data.feedback.filter((f) => !is(f.askerId));

  let reportsChanged = 0;
  const reports = data.reports.map((report) => {
    if (!mentions(report)) return report;
    reportsChanged++;
    const anonymised = replaceIds(report, is, pseudonym) as Report & Record<string, unknown>;
    for (const field of REPORT_FREE_TEXT) if (field in anonymised) anonymised[field] = field === 'sharerName' ? undefined : '';
    return anonymised as Report;
  });
  const audit = data.audit.map((entry) => (mentions(entry) ? { ...replaceIds(entry, is, pseudonym), detail: entry.detail === undefined ? undefined : 'erased' } : entry));
  const summaryRuns = data.summaryRuns.map((run) => replaceIds(run, is, pseudonym));
  const policyLinks = data.policyLinks.map((link) => replaceIds(link, is, pseudonym));

  const counts: ErasureCounts = {
    removed: {
      roster: data.employees.length - employees.length,
      profile: data.profiles.length - profiles.length,
      conversation: data.conversations.length - conversations.length,
      roleGrants: data.roles.length - roles.length,
      feedback: data.feedback.length - feedback.length
    },
    anonymised: {
      reports: reportsChanged,
      audit: data.audit.filter(mentions).length,
      summaryDeliveries: data.summaryRuns.flatMap((r) => r.deliveries).filter((d) => is(d.managerId)).length,
      policyLinks: data.policyLinks.filter((l) => is(l.linkedBy)).length
    }
  };
  // Another employee's managerId naming the person is a mention too.
  const roster = employees.map((e) => replaceIds(e, is, pseudonym));
  return { data: { ...data, employees: roster, profiles, conversations, roles, feedback, reports, audit, summaryRuns, policyLinks }, counts };
}
