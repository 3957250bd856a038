/**
 * One list of people from the roster and the Teams profiles, and a way to tell which
 * person a report's id means.
 *
 * Roster rows are keyed by employee id; profiles and Teams reports by Entra object id;
 * imported reports by employee id. A roster row that carries an `aadObjectId` joins the
 * two, so a person who is both on the roster and has a profile counts once, and their
 * imported and Teams reports count as one employee. Ids that match nobody still count as
 * one person each, by the id itself.
 */
import type { CohortAnswer, CohortAnswers, Device, Employee, Profile, Report } from '../../store/types.js';

/** One member of staff, as the FOI figures see them. */
export interface Person extends CohortAnswers {
  key: string;
  devices: Device[];
}

export interface Directory {
  people: Person[];
  /** The person key for an id as a report of this source carries it. */
  personKey(id: string, source: Report['source']): string;
}

interface Answered {
  value: CohortAnswer;
  at: string;
}

/** The most recently given known answer wins; "unknown" never overrides a known one. */
function latestKnown(...answers: Answered[]): CohortAnswer {
  const known = answers.filter((a) => a.value !== 'unknown').sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  return known[0]?.value ?? 'unknown';
}

/** Builds the directory; `employees` and `profiles` are the store's records. */
export function buildDirectory(employees: Employee[], profiles: Profile[]): Directory {
  const byEmployeeId = new Map<string, string>();
  const byAad = new Map<string, string>();
  // The first roster row of an object id, as a search from the top would find it: one lookup per profile keeps this linear in staff.
  const firstRowOfAad = new Map<string, Employee>();
  const people = new Map<string, Person>();

  for (const employee of employees) {
    const key = `employee:${employee.employeeId.toLowerCase()}`;
    byEmployeeId.set(employee.employeeId.toLowerCase(), key);
    if (employee.aadObjectId) {
      const aad = employee.aadObjectId.toLowerCase();
      byAad.set(aad, key);
      if (!firstRowOfAad.has(aad)) firstRowOfAad.set(aad, employee);
    }
    people.set(key, {
      key,
      worksWithChildrenOrVulnerable: employee.worksWithChildrenOrVulnerable,
      remoteOrFlexible: employee.remoteOrFlexible,
      devices: [...employee.devices]
    });
  }

  for (const profile of profiles) {
    const aad = profile.aadObjectId.toLowerCase();
    const rosterKey = byAad.get(aad);
    const employee = rosterKey ? firstRowOfAad.get(aad) : undefined;
    if (!rosterKey || !employee) {
      const key = `aad:${aad}`;
      byAad.set(aad, key);
      people.set(key, { key, ...cohortOf(profile), devices: [...profile.devices] });
      continue;
    }
    const person = people.get(rosterKey)!;
    const fromRoster = (value: CohortAnswer) => ({ value, at: employee.updatedAt });
    const fromProfile = (value: CohortAnswer) => ({ value, at: profile.updatedAt });
    person.worksWithChildrenOrVulnerable = latestKnown(fromRoster(employee.worksWithChildrenOrVulnerable), fromProfile(profile.worksWithChildrenOrVulnerable));
    person.remoteOrFlexible = latestKnown(fromRoster(employee.remoteOrFlexible), fromProfile(profile.remoteOrFlexible));
    person.devices = [...new Set([...employee.devices, ...profile.devices])];
  }

  return {
    people: [...people.values()],
    personKey(id, source) {
      const lower = id.toLowerCase();
      if (source === 'import') return byEmployeeId.get(lower) ?? byAad.get(lower) ?? `employee:${lower}`;
      return byAad.get(lower) ?? `aad:${lower}`;
    }
  };
}

function cohortOf(answers: CohortAnswers): CohortAnswers {
  return { worksWithChildrenOrVulnerable: answers.worksWithChildrenOrVulnerable, remoteOrFlexible: answers.remoteOrFlexible };
}

/** True when both cohort answers are yes. */
export function inCohort(answers: CohortAnswers): boolean {
  return answers.worksWithChildrenOrVulnerable === 'yes' && answers.remoteOrFlexible === 'yes';
}
