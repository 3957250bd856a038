/**
 * Reports that predate the bot (a service-desk export, a spreadsheet), imported from CSV.
 * Each row gets a submission id from a hash of its content (status aside), so importing
 * the same file again adds nothing and a later export only updates statuses.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  COMPLAINT_CAUSES,
  DEVICES,
  REPORT_STATUSES,
  SHARED_WITH,
  SHARING_REASONS,
  TASK_CODES,
  TOLD_NOT_TO,
  type DeviceComplaint,
  type NewReport,
  type NumberSharingReport,
  type ReportStatus
} from '../../store/types.js';
import { calendarDate, parseSubmittedAt } from './dates.js';
import { listOf, oneOf, readCsv, requiredText, type ImportResult } from './csv-import.js';

export const IMPORT_TYPES = ['device-complaints', 'number-sharing'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const REPORT_COLUMNS: Record<ImportType, readonly string[]> = {
  'device-complaints': ['submitted_at', 'reporter_id', 'works_with_children_or_vulnerable', 'remote_or_flexible', 'device', 'cause', 'blocked_tasks', 'description', 'status'],
  'number-sharing': ['submitted_at', 'reporter_id', 'subject', 'sharer_id', 'sharer_works_with_children_or_vulnerable', 'sharer_remote_or_flexible', 'shared_with', 'told_not_to', 'reason', 'status']
};

const COHORT = ['yes', 'no', 'unknown'] as const;
const employeeId = requiredText(64);

const submittedAt = (timeZone: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const iso = parseSubmittedAt(text, timeZone);
      if (!iso) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO date (2020-02-11) or date-time (2020-02-11T09:30 or with an offset)' });
      return iso ?? '';
    });

const complaintRow = (timeZone: string) =>
  z.object({
    submitted_at: submittedAt(timeZone),
    reporter_id: employeeId,
    works_with_children_or_vulnerable: oneOf(COHORT, 'unknown'),
    remote_or_flexible: oneOf(COHORT, 'unknown'),
    device: oneOf(DEVICES),
    cause: oneOf(COMPLAINT_CAUSES),
    blocked_tasks: listOf(TASK_CODES),
    description: z.string().trim().max(2000, 'is longer than 2000 characters'),
    status: oneOf(REPORT_STATUSES, 'open')
  });

const sharingRow = (timeZone: string) =>
  z
    .object({
      submitted_at: submittedAt(timeZone),
      reporter_id: employeeId,
      subject: oneOf(['self', 'colleague'] as const),
      sharer_id: z.string().trim().max(64, 'is longer than 64 characters'),
      sharer_works_with_children_or_vulnerable: oneOf(COHORT, 'unknown'),
      sharer_remote_or_flexible: oneOf(COHORT, 'unknown'),
      shared_with: oneOf(SHARED_WITH),
      told_not_to: oneOf(TOLD_NOT_TO),
      reason: oneOf(SHARING_REASONS),
      status: oneOf(REPORT_STATUSES, 'open')
    })
    .refine((row) => row.subject !== 'self' || row.sharer_id === '' || row.sharer_id.toLowerCase() === row.reporter_id.toLowerCase(), {
      message: 'must be empty or the reporter_id when subject is self',
      path: ['sharer_id']
    });

/** The submission id of an imported row: a hash of what it says, leaving out its status. */
function submissionIdOf(type: ImportType, row: Record<string, unknown>): string {
  const { status: _status, line: _line, ...content } = row;
  const digest = createHash('sha256').update(JSON.stringify([type, content])).digest('hex').slice(0, 32);
  return `import-${digest}`;
}

interface CommonRow {
  submitted_at: string;
  reporter_id: string;
  status: ReportStatus;
  line: number;
}

/** What every imported report has: its stable submission id, time, reporter and status. */
function common(type: ImportType, row: CommonRow, importedAt: string) {
  return {
    submissionId: submissionIdOf(type, { ...row }),
    submittedAt: row.submitted_at,
    reporterId: row.reporter_id,
    status: row.status,
    history: row.status === 'open' ? [] : [{ status: row.status, at: importedAt, by: 'import' }],
    source: 'import' as const
  };
}

/**
 * Reads an import CSV into reports ready for `store.reports.add`, or every problem with its
 * line number.
 * @param importedAt stamped on the status history of rows that are not open.
 */
export function readReports(type: ImportType, text: string, timeZone: string, importedAt: string): ImportResult<NewReport> {
  if (type === 'device-complaints') {
    const result = readCsv(text, REPORT_COLUMNS[type], complaintRow(timeZone));
    if (!result.ok) return result;
    return {
      ok: true,
      rows: result.rows.map((row): Omit<DeviceComplaint, 'id'> => ({
        kind: 'device-complaint',
        ...common(type, row, importedAt),
        device: row.device,
        cause: row.cause,
        blockedTasks: row.blocked_tasks,
        occurredOn: calendarDate(row.submitted_at, timeZone),
        description: row.description,
        cohort: { worksWithChildrenOrVulnerable: row.works_with_children_or_vulnerable, remoteOrFlexible: row.remote_or_flexible }
      }))
    };
  }
  const result = readCsv(text, REPORT_COLUMNS[type], sharingRow(timeZone));
  if (!result.ok) return result;
  return {
    ok: true,
    rows: result.rows.map((row): Omit<NumberSharingReport, 'id'> => {
      const sharerId = row.subject === 'self' ? row.reporter_id : row.sharer_id || undefined;
      return {
        kind: 'number-sharing',
        ...common(type, row, importedAt),
        subject: row.subject,
        ...(sharerId ? { sharerId } : {}),
        sharedWith: row.shared_with,
        toldNotTo: row.told_not_to,
        reason: row.reason,
        occurredOn: calendarDate(row.submitted_at, timeZone),
        note: '',
        cohort: { worksWithChildrenOrVulnerable: row.sharer_works_with_children_or_vulnerable, remoteOrFlexible: row.sharer_remote_or_flexible }
      };
    })
  };
}
