/**
 * The staff roster as the bot reads it: who is whose manager. Pure functions over the
 * roster rows, so roles and summaries can be tested with plain arrays.
 *
 * A roster row is linked to a Teams user by `aadObjectId`. Rows imported without one are
 * linked the first time the person talks to the bot, by matching their Teams email or user
 * principal name to the row's `email` (see `ConversationBook`); until then they hold no role.
 */
import type { Employee } from '../store/types.js';

/** The people who report directly to `manager`. */
export function directReports(employees: readonly Employee[], manager: Employee): Employee[] {
  return employees.filter((e) => e.managerId !== undefined && e.managerId === manager.employeeId && e.employeeId !== manager.employeeId);
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
