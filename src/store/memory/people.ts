/** People (profiles and the roster) held in memory. */
import type { PeopleStore } from '../people.js';
import type { Employee, Profile } from '../types.js';
import { change, copy, upsert, type Collection } from './collection.js';

const sameText = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

export class MemoryPeople implements PeopleStore {
  readonly #profiles: Collection<Profile>;
  readonly #employees: Collection<Employee>;

  constructor(profiles: Collection<Profile>, employees: Collection<Employee>) {
    this.#profiles = profiles;
    this.#employees = employees;
  }

  async getProfile(aadObjectId: string): Promise<Profile | undefined> {
    return copy(this.#profiles.items.find((p) => p.aadObjectId === aadObjectId));
  }

  saveProfile(profile: Profile): Promise<void> {
    return change(this.#profiles, (items) => upsert(items, copy(profile), (p) => p.aadObjectId === profile.aadObjectId));
  }

  async listProfiles(): Promise<Profile[]> {
    return copy(this.#profiles.items);
  }

  upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }> {
    return change(this.#employees, (items) => {
      const byId = new Map(items.map((e, index) => [e.employeeId, index]));
      let added = 0;
      let updated = 0;
      for (const employee of employees) {
        const at = byId.get(employee.employeeId);
        if (at === undefined) {
          byId.set(employee.employeeId, items.push(copy(employee)) - 1);
          added++;
        } else {
          items[at] = { ...items[at], ...copy(employee) };
          updated++;
        }
      }
      return { added, updated };
    });
  }

  linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean> {
    return change(this.#employees, (items) => {
      const at = items.findIndex((e) => e.employeeId === employeeId);
      if (at < 0 || items[at].aadObjectId) return false;
      items[at] = { ...items[at], aadObjectId };
      return true;
    });
  }

  async getEmployee(employeeId: string): Promise<Employee | undefined> {
    return copy(this.#employees.items.find((e) => e.employeeId === employeeId));
  }

  async getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined> {
    return copy(this.#employees.items.find((e) => sameText(e.aadObjectId, aadObjectId)));
  }

  async findUnlinkedEmployee(emails: readonly string[]): Promise<Employee | undefined> {
    return copy(this.#employees.items.find((e) => !e.aadObjectId && emails.some((email) => sameText(e.email, email))));
  }

  async hasUnlinkedEmployees(): Promise<boolean> {
    return this.#employees.items.some((e) => !e.aadObjectId);
  }

  async listDirectReports(managerId: string): Promise<Employee[]> {
    return copy(this.#employees.items.filter((e) => e.managerId === managerId && e.employeeId !== managerId));
  }

  async listEmployees(): Promise<Employee[]> {
    return copy(this.#employees.items);
  }
}
