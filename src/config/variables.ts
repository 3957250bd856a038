/**
 * Every environment variable the bot reads, with what each may hold, and the rules that
 * join two or more of them. Reading them gives every problem at once, so a council fixing
 * its env file sees the whole list on the first start, not one problem per restart.
 */
import { Cron } from 'croner';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const withDefault = (fallback: string) => z.preprocess(emptyToUndefined, z.string().default(fallback));
const integer = (fallback: number, min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message).default(fallback)
  );
};
const flag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
  );
const commaList = (value: unknown) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : []);

/** A comma-separated list of Teams (Entra ID) object ids, which are GUIDs. */
const idList = (name: string) => z.preprocess(commaList, z.array(z.string().uuid(`${name} must be Entra ID object ids (GUIDs) separated by commas`)));

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const cron = (fallback: string, example: string) => withDefault(fallback).refine(isCron, `must be a cron pattern such as ${example}`);
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London');

/** Shown until a council sets `POLICY_URL`; a valid address so cards still render, plainly not a real one. */
export const PLACEHOLDER_POLICY_URL = 'https://intranet.council.example/set-POLICY_URL-to-your-acceptable-use-policy';

/** What staff are told about reaching ICT until a council sets `ICT_CONTACT`. */
export const DEFAULT_ICT_CONTACT = 'the ICT service desk (see the intranet for the number and portal)';

/** The all-zero GUID that `env/.env.local` uses for BOT_ID: a package built with it can be tried, not installed. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A PostgreSQL schema name that needs no quoting. The PostgreSQL store checks the name it is
 * given against the same pattern (`store/postgres/connection.ts`): it imports nothing of the
 * bot, and config sits below the store, so each keeps its own.
 */
const PLAIN_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The variables, each with its check and default. Paths are resolved later, against the project's folder. */
export const variablesSchema = z.object({
  APP_ENV: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9-]+$/i, 'must be a simple name such as dev').optional()),
  PORT: integer(3978, 0, 65535),
  HOST: optionalString,
  DATA_DIR: withDefault('./data'),
  STORE: z.preprocess(emptyToUndefined, z.enum(['lowdb', 'postgres'], { message: 'must be lowdb (the default) or postgres' }).default('lowdb')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a connection string such as postgres://USER:PASSWORD@HOST:5432/DATABASE').optional()
  ),
  DATABASE_SCHEMA: withDefault('public')
    .pipe(z.string().regex(PLAIN_SCHEMA_NAME, 'must be a plain schema name (lower-case letters, digits and _)'))
    // PostgreSQL keeps pg_ names for itself and refuses to create them.
    .refine((name) => !name.startsWith('pg_'), 'must not start with pg_ (PostgreSQL keeps those names)'),
  DATABASE_POOL_SIZE: integer(10, 1, 100),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  BOT_TYPE: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant')),
  TIME_ZONE: withDefault('Europe/London').pipe(timeZone),
  RETENTION_MONTHS: integer(24, 13, 120),
  RETENTION_PURGE_CRON: cron('30 2 * * *', '"30 2 * * *" (every day at 02:30)'),
  ICT_CONTACT: withDefault(DEFAULT_ICT_CONTACT).pipe(z.string().max(300)),
  MAX_BODY_BYTES: integer(256 * 1024, 1024, 10 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_SECONDS: integer(10, 1, 300),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyToUndefined,
    z.string().regex(/InstrumentationKey=/i, 'must be the Application Insights connection string (it starts InstrumentationKey=...)').optional()
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url('must be the OTLP/HTTP collector address, e.g. http://collector:4318').optional()),
  POLICY_FILE: optionalString,
  POLICY_SYNONYMS_FILE: optionalString,
  POLICY_OTHER_TOPICS_FILE: optionalString,
  POLICY_VECTORS_FILE: optionalString,
  POLICY_URL: withDefault(PLACEHOLDER_POLICY_URL).pipe(z.string().url('must be a web address such as https://intranet.example/acceptable-use')),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: withDefault('gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url('must be the resource URL, e.g. https://NAME.openai.azure.com').optional()),
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  ADMIN_IDS: idList('ADMIN_IDS'),
  FOI_OFFICER_IDS: idList('FOI_OFFICER_IDS'),
  ALLOWED_TENANT_IDS: z.preprocess(commaList, z.array(z.string().regex(/^[0-9a-z.-]{1,100}$/i, 'ALLOWED_TENANT_IDS must be Entra tenant ids separated by commas'))),
  RATE_LIMIT_PER_MINUTE: integer(20, 1, 100000),
  SUMMARY_CRON: cron('0 9 * * 1', '"0 9 * * 1" (Mondays at 09:00)'),
  SUMMARY_TIME_ZONE: z.preprocess(emptyToUndefined, timeZone.optional()),
  NOTIFY_MANAGERS: flag(true),
  POLICY_WATCH: flag(false),
  ORGANISATION_FILE: withDefault('env/organisation.json'),
  FOI_SUPPRESSION_THRESHOLD: integer(5, 0, 100)
});

export type Variables = z.infer<typeof variablesSchema>;
type Name = keyof Variables;

/**
 * What is wrong between variables, each read on its own first: a check is left out when a
 * variable it needs was itself wrong, since that is reported already.
 */
function crossChecks(value: <N extends Name>(name: N) => Variables[N] | undefined, readable: (name: Name) => boolean): string[] {
  const problems: string[] = [];
  const botId = value('BOT_ID');
  if (botId === PLACEHOLDER_BOT_ID) {
    problems.push(
      `BOT_ID is the placeholder ${PLACEHOLDER_BOT_ID} (env/.env.local is for building a test app package): set your Azure Bot's Microsoft App ID, or leave BOT_ID unset for local mode`
    );
  }
  if (value('BOT_PASSWORD') && !botId) problems.push('BOT_PASSWORD is set but BOT_ID is not');
  if (botId && value('BOT_TYPE') === 'SingleTenant' && !value('BOT_TENANT_ID')) problems.push('BOT_TENANT_ID is required when BOT_ID is set and BOT_TYPE is SingleTenant');
  const azureNeeds = readable('AZURE_OPENAI_ENDPOINT') && (!value('AZURE_OPENAI_ENDPOINT') || !value('AZURE_OPENAI_DEPLOYMENT'));
  if (value('AZURE_OPENAI_API_KEY') && azureNeeds) problems.push('AZURE_OPENAI_API_KEY is set, so AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT are required too');
  if (value('STORE') === 'postgres' && readable('DATABASE_URL') && !value('DATABASE_URL')) problems.push('DATABASE_URL is required when STORE=postgres');
  return problems;
}

/**
 * Reads every variable from `source`: the values, or every problem found, each naming its
 * variable (a value's own problem first, then those between variables).
 */
export function readVariables(source: NodeJS.ProcessEnv): { ok: true; variables: Variables } | { ok: false; problems: string[] } {
  const values: Partial<Record<Name, unknown>> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(variablesSchema.shape) as Array<[Name, z.ZodTypeAny]>) {
    const parsed = schema.safeParse(source[name]);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  const readable = (name: Name) => name in values;
  problems.push(...crossChecks((name) => values[name] as Variables[typeof name] | undefined, readable));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, variables: values as Variables };
}
