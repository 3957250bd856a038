/**
 * Which records name one person, for a subject access request. Every store gives the same
 * records: the memory store filters with these functions, the PostgreSQL store asks the same
 * in SQL. Ids are compared in any case, as the people who type them do.
 */
import type { StoredData } from './stored-data.js';
import type { Employee } from './types.js';

/**
 * Every id the person is known by, in lower case: `id`, plus both ids of each roster row
 * holding one of them (employee id and Entra object id), taken in roster order.
 */
export function linkedIds(employees: ReadonlyArray<Pick<Employee, 'employeeId' | 'aadObjectId'>>, id: string): Set<string> {
  const ids = new Set([id.trim().toLowerCase()]);
  for (const employee of employees) {
    const linked = [employee.employeeId, employee.aadObjectId].filter((v): v is string => typeof v === 'string');
    if (linked.some((v) => ids.has(v.toLowerCase()))) linked.forEach((v) => ids.add(v.toLowerCase()));
  }
  return ids;
}

/**
 * The records of `data` that name one of `ids` (lower case): roster rows and profiles that
 * are theirs, reports they made or that name them as the colleague who shared, their
 * conversation reference and role grants, the summary runs with a delivery to them (with
 * only those deliveries), audit entries by or about them, the policy questions they asked, and
 * the policy links they made.
 */
export function recordsNaming(data: StoredData, ids: ReadonlySet<string>): StoredData {
  const is = (value: unknown) => typeof value === 'string' && ids.has(value.toLowerCase());
  return {
    employees: data.employees.filter((e) => is(e.employeeId) || is(e.aadObjectId)),
    profiles: data.profiles.filter((p) => is(p.aadObjectId)),
    reports: data.reports.filter((r) => is(r.reporterId) || (r.kind === 'number-sharing' && is(r.sharerId))),
    conversations: data.conversations.filter((c) => is(c.aadObjectId)),
    roles: data.roles.filter((g) => is(g.aadObjectId)),
    summaryRuns: data.summaryRuns.flatMap((run) => {
      const deliveries = run.deliveries.filter((d) => is(d.managerId));
      return deliveries.length > 0 ? [{ ...run, deliveries }] : [];
    }),
    audit: data.audit.filter((a) => is(a.actorId) || is(a.target)),
    feedback: data.feedback.filter((f) => is(f.askerId)),
    policyLinks: data.policyLinks.filter((l) => is(l.linkedBy))
  };
}
