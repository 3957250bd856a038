/** People (profiles and the roster) in PostgreSQL. */
import type { PeopleStore } from '../people.js';
import type { Employee, Profile } from '../types.js';
import type { Database } from './database.js';
import { jsonb, TABLES } from './tables.js';

/** The last of each key wins, as when rows are upserted one after another. */
function dedupeByLast<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export class PostgresPeople implements PeopleStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  getProfile(aadObjectId: string): Promise<Profile | undefined> {
    return this.#db.record('profiles', 'SELECT data FROM profiles WHERE aad_object_id = $1', [aadObjectId]);
  }

  async saveProfile(profile: Profile): Promise<void> {
    await this.#db.query('INSERT INTO profiles (aad_object_id, data) VALUES ($1, $2) ON CONFLICT (aad_object_id) DO UPDATE SET data = EXCLUDED.data', [
      profile.aadObjectId,
      jsonb(profile)
    ]);
  }

  listProfiles(): Promise<Profile[]> {
    return this.#db.records('profiles', TABLES.profiles.select);
  }

  async upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }> {
    // A row already on the roster keeps the fields the new one leaves out (e.g. its Teams link).
    const rows = await this.#db.rows<{ added: boolean }>(
      `${TABLES.employees.insert(`ON CONFLICT (employee_id) DO UPDATE SET data = employees.data || EXCLUDED.data,
         aad_object_id = (employees.data || EXCLUDED.data)->>'aadObjectId'`)[0]} RETURNING (xmax = 0) AS added`,
      [jsonb(dedupeByLast(employees, (e) => e.employeeId))]
    );
    const added = rows.filter((row) => row.added).length;
    return { added, updated: employees.length - added };
  }

  async linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean> {
    const result = await this.#db.query(
      `UPDATE employees SET aad_object_id = $2, data = jsonb_set(data, '{aadObjectId}', to_jsonb($2::text))
       WHERE employee_id = $1 AND aad_object_id IS NULL`,
      [employeeId, aadObjectId]
    );
    return result.rowCount === 1;
  }

  getEmployee(employeeId: string): Promise<Employee | undefined> {
    return this.#db.record('employees', 'SELECT data FROM employees WHERE employee_id = $1', [employeeId]);
  }

  getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined> {
    return this.#db.record('employees', 'SELECT data FROM employees WHERE lower(aad_object_id) = lower($1) ORDER BY seq LIMIT 1', [aadObjectId]);
  }

  findUnlinkedEmployee(emails: readonly string[]): Promise<Employee | undefined> {
    return this.#db.record(
      'employees',
      `SELECT data FROM employees WHERE aad_object_id IS NULL AND lower(data->>'email') = ANY($1) ORDER BY seq LIMIT 1`,
      [emails.map((email) => email.toLowerCase())]
    );
  }

  async hasUnlinkedEmployees(): Promise<boolean> {
    return (await this.#db.rows('SELECT 1 FROM employees WHERE aad_object_id IS NULL LIMIT 1')).length > 0;
  }

  listDirectReports(managerId: string): Promise<Employee[]> {
    return this.#db.records('employees', `SELECT data FROM employees WHERE data->>'managerId' = $1 AND employee_id <> $1 ORDER BY seq`, [managerId]);
  }

  listEmployees(): Promise<Employee[]> {
    return this.#db.records('employees', TABLES.employees.select);
  }
}
