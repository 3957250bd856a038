/**
 * What a stored record must look like, one schema per collection, checked whenever records
 * come back from storage: the lowdb files when they are opened and PostgreSQL rows when they
 * are read. A record that does not fit is refused by name rather than cast to its type and
 * left to fail later, somewhere far from the file or row that holds it.
 *
 * Fields the schemas do not name are kept as they are, so records written by a later
 * version of the bot survive being read and written back by this one.
 */
import { z } from 'zod';
import { StoreError } from './errors.js';
import type { CollectionName, StoredData } from './stored-data.js';
import {
  COMPLAINT_CAUSES,
  DEVICES,
  GRANTABLE_ROLES,
  REPORT_STATUSES,
  SHARED_WITH,
  SHARING_REASONS,
  TASK_CODES,
  TOLD_NOT_TO,
  type AuditEntry,
  type ConversationRecord,
  type Employee,
  type PolicyFeedback,
  type PolicyLink,
  type Profile,
  type Report,
  type RoleGrant,
  type SummaryRun
} from './types.js';

const text = z.string();
const id = z.string().min(1);
/**
 * An ISO date and time, as the bot writes them (PostgreSQL's timestamps included): checked
 * where a figure is counted from it (when a report was submitted). Other times are only shown
 * or compared with each other, so any text the bot wrote there is kept as it is.
 */
const dateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: 'Expected a date and time' });
const time = z.string().min(1);
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Expected a date (YYYY-MM-DD)' });
const cohortAnswer = z.enum(['yes', 'no', 'unknown']);
const yesNo = z.enum(['yes', 'no']);
const cohort = z.object({ worksWithChildrenOrVulnerable: cohortAnswer, remoteOrFlexible: cohortAnswer }).passthrough();
const devices = z.array(z.enum(DEVICES));

const profile: z.ZodType<Profile> = z
  .object({ aadObjectId: id, worksWithChildrenOrVulnerable: cohortAnswer, remoteOrFlexible: cohortAnswer, devices, updatedAt: time })
  .passthrough();

const employee: z.ZodType<Employee> = z
  .object({
    employeeId: id,
    name: text,
    email: text,
    aadObjectId: id.optional(),
    worksWithChildrenOrVulnerable: yesNo,
    remoteOrFlexible: yesNo,
    managerId: text.optional(),
    devices,
    updatedAt: time
  })
  .passthrough();

const reportBase = {
  id,
  submissionId: id,
  submittedAt: dateTime,
  reporterId: id,
  status: z.enum(REPORT_STATUSES),
  history: z.array(z.object({ status: z.enum(REPORT_STATUSES), at: time, by: text }).passthrough()),
  source: z.enum(['teams', 'import']),
  occurredOn: calendarDate,
  cohort
};

const report: z.ZodType<Report> = z.discriminatedUnion('kind', [
  z
    .object({
      ...reportBase,
      kind: z.literal('device-complaint'),
      device: z.enum(DEVICES),
      cause: z.enum(COMPLAINT_CAUSES),
      blockedTasks: z.array(z.enum(TASK_CODES)),
      description: text
    })
    .passthrough(),
  z
    .object({
      ...reportBase,
      kind: z.literal('number-sharing'),
      subject: z.enum(['self', 'colleague']),
      sharerId: text.optional(),
      sharerName: text.optional(),
      sharedWith: z.enum(SHARED_WITH),
      toldNotTo: z.enum(TOLD_NOT_TO),
      reason: z.enum(SHARING_REASONS),
      note: text
    })
    .passthrough()
]);

const conversation: z.ZodType<ConversationRecord> = z
  .object({ aadObjectId: id, reference: z.record(z.unknown()), updatedAt: time, goneAt: time.optional() })
  .passthrough();

const feedback: z.ZodType<PolicyFeedback> = z
  .object({ id, at: time, askerId: text.optional(), question: text, sectionId: text.optional(), answered: z.boolean(), helpful: z.boolean().optional(), openedSectionId: text.optional() })
  .passthrough();

const policyLink: z.ZodType<PolicyLink> = z.object({ id, question: text, target: id, linkedBy: text, linkedAt: time }).passthrough();

const audit: z.ZodType<AuditEntry> = z
  .object({ at: time, actorId: text, action: id, target: text.optional(), outcome: z.enum(['done', 'refused']), detail: text.optional() })
  .passthrough();

const roleGrant: z.ZodType<RoleGrant> = z.object({ aadObjectId: id, role: z.enum(GRANTABLE_ROLES), grantedBy: text, grantedAt: time }).passthrough();

const summaryRun: z.ZodType<SummaryRun> = z
  .object({
    runKey: id,
    startedAt: time,
    finishedAt: time.optional(),
    deliveries: z.array(
      z.object({ managerId: id, outcome: z.enum(['sending', 'sent', 'skipped', 'failed']), reason: text.optional(), at: time }).passthrough()
    )
  })
  .passthrough();

type Item<K extends CollectionName> = StoredData[K][number];

/** The schema of each collection's records. */
export const STORED_ITEM_SCHEMAS: { readonly [K in CollectionName]: z.ZodType<Item<K>> } = {
  profiles: profile,
  employees: employee,
  reports: report,
  conversations: conversation,
  feedback,
  policyLinks: policyLink,
  audit,
  roles: roleGrant,
  summaryRuns: summaryRun
};

/**
 * Fields that name a record without naming a person (a report's reference, a run's time), for
 * messages; ids of people stay out of them, as messages reach logs.
 */
const NAMING_FIELDS: Partial<Record<CollectionName, string>> = { reports: 'id', feedback: 'id', policyLinks: 'id', summaryRuns: 'runKey' };

/** The record's own name, when it has one that is not a person's (see {@link NAMING_FIELDS}). */
function recordName(collection: CollectionName, item: unknown): string | undefined {
  const field = NAMING_FIELDS[collection];
  const value = field && typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && /^[\w:.+-]{1,80}$/.test(value) ? value : undefined;
}

/** What is wrong, by field; the stored values stay out, as they may be personal. */
function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join('.') || 'the record';
      const message = issue.code === 'invalid_enum_value' ? 'not one of the values the bot writes' : issue.message;
      return `${field}: ${message}`;
    })
    .join('; ');
}

/**
 * Checks one stored record of `collection`, whatever layout holds it.
 * @param where the file or table and the record's place in it, e.g. `/data/feedback.json item 3`.
 * @returns the record, typed.
 * @throws StoreError naming `where`, the record's reference (when it has one that names no
 *   person) and what is wrong; nothing is written then.
 */
export function parseStoredItem<K extends CollectionName>(collection: K, item: unknown, where: string): Item<K> {
  const parsed = STORED_ITEM_SCHEMAS[collection].safeParse(item);
  if (parsed.success) return parsed.data;
  const name = recordName(collection, item);
  throw new StoreError(`${where}${name ? ` (${name})` : ''} is not a valid ${collection} record: ${problems(parsed.error)}. Fix or restore it; nothing has been changed.`);
}

/**
 * Checks every record of a file (or other list) of `collection`, naming the first that does
 * not fit by its position (counted from 0) in `where`.
 */
export function parseStoredItems<K extends CollectionName>(collection: K, items: readonly unknown[], where: string): Array<Item<K>> {
  return items.map((item, index) => parseStoredItem(collection, item, `${where} item ${index}`));
}
