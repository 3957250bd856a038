/** People: the roster an FOI officer imports and the profiles staff keep themselves. */
import type { Employee, Profile } from './types.js';

export interface PeopleStore {
  getProfile(aadObjectId: string): Promise<Profile | undefined>;
  /** Saves a profile, replacing the person's earlier one. */
  saveProfile(profile: Profile): Promise<void>;
  /** Every profile, e.g. for the FOI figures. */
  listProfiles(): Promise<Profile[]>;

  /** Adds roster rows, or updates those already there by employee id (keeping fields a row leaves out). */
  upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }>;
  /**
   * Gives a roster row its Teams object id, changing nothing else (a roster import may be
   * running meanwhile); false when there is no such row or it is linked already.
   */
  linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean>;
  /** One roster row by employee id. */
  getEmployee(employeeId: string): Promise<Employee | undefined>;
  /** One roster row by Teams (Entra ID) object id, in any case. */
  getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined>;
  /** The first roster row not yet linked to Teams whose email is one of `emails` (any case). */
  findUnlinkedEmployee(emails: readonly string[]): Promise<Employee | undefined>;
  /** Whether any roster row is not yet linked to Teams. */
  hasUnlinkedEmployees(): Promise<boolean>;
  /** The people whose manager is the employee `managerId` (not counting the manager), in roster order. */
  listDirectReports(managerId: string): Promise<Employee[]>;
  /** The whole roster, in the order rows were first imported: for the FOI figures and the summary run. */
  listEmployees(): Promise<Employee[]>;
}
