/**
 * The staff roster CSV an FOI officer imports:
 * `employee_id,name,email,works_with_children_or_vulnerable,remote_or_flexible,manager_id,devices`
 * (yes/no; devices separated by `;`), and optionally `aad_object_id` to link a row to the
 * person's Teams identity.
 */
import { z } from 'zod';
import { isGuid } from '../../shared/validation.js';
import { DEVICES, type Employee } from '../../store/types.js';
import { listOf, oneOf, readCsv, requiredText, type ImportResult } from './csv-import.js';

export const ROSTER_COLUMNS = ['employee_id', 'name', 'email', 'works_with_children_or_vulnerable', 'remote_or_flexible', 'manager_id', 'devices'] as const;
export const ROSTER_OPTIONAL_COLUMNS = ['aad_object_id'] as const;

const YES_NO = ['yes', 'no'] as const;

const rosterRow = z.object({
  employee_id: requiredText(64).regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"'),
  name: requiredText(200),
  email: z.string().trim().email('is not an email address'),
  works_with_children_or_vulnerable: oneOf(YES_NO),
  remote_or_flexible: oneOf(YES_NO),
  manager_id: z.string().trim().max(64, 'is longer than 64 characters'),
  devices: listOf(DEVICES),
  aad_object_id: z
    .string()
    .trim()
    .refine((id) => id === '' || isGuid(id), 'must be an Entra ID object id (a GUID) or empty')
    .optional()
});

/**
 * Reads a roster CSV into employees, or every problem with its line number.
 * @param updatedAt the import time, stamped on every row.
 */
export function readRoster(text: string, updatedAt: string): ImportResult<Employee> {
  const result = readCsv(text, ROSTER_COLUMNS, rosterRow, ROSTER_OPTIONAL_COLUMNS);
  if (!result.ok) return result;
  const seen = new Map<string, number>();
  const errors: string[] = [];
  for (const row of result.rows) {
    const key = row.employee_id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) errors.push(`line ${row.line}: employee_id: ${row.employee_id} is already on line ${first}`);
    else seen.set(key, row.line);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    rows: result.rows.map((row) => ({
      employeeId: row.employee_id,
      name: row.name,
      email: row.email.toLowerCase(),
      ...(row.aad_object_id ? { aadObjectId: row.aad_object_id.toLowerCase() } : {}),
      worksWithChildrenOrVulnerable: row.works_with_children_or_vulnerable,
      remoteOrFlexible: row.remote_or_flexible,
      ...(row.manager_id ? { managerId: row.manager_id } : {}),
      devices: row.devices,
      updatedAt
    }))
  };
}
