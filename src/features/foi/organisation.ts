/**
 * What only the council can say (questions d and f), kept in a small JSON file that an
 * admin fills in: `ORGANISATION_FILE`, `env/organisation.json` by default.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TASK_CODES } from '../../store/types.js';

/** Question f's five answers, in the request's order (a to e). */
export const PERSONAL_DEVICE_ANSWERS = ['prevent-all', 'prevent-some', 'conditions', 'no', 'dont-know'] as const;
export type PersonalDeviceAnswer = (typeof PERSONAL_DEVICE_ANSWERS)[number];

export const PERSONAL_DEVICE_LABELS: Record<PersonalDeviceAnswer, string> = {
  'prevent-all': 'Yes, we prevent all tasks',
  'prevent-some': 'Yes, we prevent some tasks',
  conditions: 'No, but they have to take specific actions (e.g. installing security on their device, using specific vetted applications)',
  no: 'No',
  'dont-know': 'Don\u2019t know'
};

const tasks = z.object(Object.fromEntries(TASK_CODES.map((code) => [code, z.boolean({ required_error: 'say true or false', invalid_type_error: 'must be true or false' })])) as Record<(typeof TASK_CODES)[number], z.ZodBoolean>).strict();

const organisationSchema = z
  .object({
    councilName: z.string().trim().min(1).max(200).default('the council'),
    foiContact: z.string().trim().max(300).optional(),
    tasksOnCouncilDevices: tasks.optional(),
    personalDevices: z
      .object({
        answer: z.enum(PERSONAL_DEVICE_ANSWERS),
        note: z.string().trim().max(2000).default('')
      })
      .strict()
      .optional()
  })
  .strict();

export type Organisation = z.infer<typeof organisationSchema>;

/** Used when there is no organisation file: d and f are then answered as not recorded. */
export const NO_ORGANISATION: Organisation = { councilName: 'the council' };

/** Thrown when the organisation file is not valid; the message names the file and the field. */
export class OrganisationError extends Error {
  constructor(message: string) {
    super(`organisation file: ${message}`);
    this.name = 'OrganisationError';
  }
}

/** Checks parsed JSON against the schema. @throws OrganisationError naming each bad field. */
export function parseOrganisation(json: unknown, file = 'organisation file'): Organisation {
  const parsed = organisationSchema.safeParse(withoutComments(json));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new OrganisationError(`${file} is not valid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** JSON has no comments, so the file explains itself in "//" keys; they are dropped before checking. */
function withoutComments(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, inner]) => [key, withoutComments(inner)]));
}

/**
 * Reads the organisation file. A missing file is not an error (d and f are then "not
 * recorded"); an unreadable or invalid one is.
 */
export async function loadOrganisation(file: string): Promise<Organisation> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_ORGANISATION;
    throw new OrganisationError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrganisationError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseOrganisation(json, file);
}
