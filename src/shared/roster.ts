/**
 * The staff roster as the bot reads it: who is whose manager. Pure functions over the
 * roster rows, so roles and summaries can be tested with plain arrays.
 *
 * A roster row is linked to a Teams user by `aadObjectId`. Rows imported without one are
 * linked the first time the person talks to the bot, by matching their Teams email or user
 * principal name to the row's `email` (see `ConversationBook`); until then they hold no role.
 */
import type { Employee } from '../store/types.js';

/**
 * Every manager's direct reports (the rows naming them as manager, never themselves), by the
 * manager's employee id, in roster order: one pass over the roster, so a run over every
 * manager is linear in staff rather than a scan of the roster per manager.
 */
export function directReportsByManager(employees: readonly Employee[]): Map<string, Employee[]> {
  const teams = new Map<string, Employee[]>();
  for (const employee of employees) {
    const { managerId } = employee;
    if (managerId === undefined || managerId === employee.employeeId) continue;
    const team = teams.get(managerId);
    if (team) team.push(employee);
    else teams.set(managerId, [employee]);
  }
  return teams;
}

/** Every id a report by one of `people` may carry as its reporter or named colleague. */
export function idsOf(people: readonly Employee[]): Set<string> {
  const ids = new Set<string>();
  for (const person of people) {
    ids.add(person.employeeId);
    if (person.aadObjectId) ids.add(person.aadObjectId.toLowerCase()).add(person.aadObjectId);
  }
  return ids;
}
