/**
 * The bot's configuration: the env schema and the only reader of `process.env`.
 *
 * Variables use the Microsoft 365 Agents Toolkit names where one exists (`BOT_ID`,
 * `BOT_PASSWORD`, `BOT_TENANT_ID`, `BOT_TYPE`). Everything is read once at start,
 * validated, and passed down as a plain object.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { Cron } from 'croner';
import { z } from 'zod';
import { projectRoot } from './config/paths.js';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
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

/** A comma-separated list of Teams (Entra ID) object ids. */
const idList = (name: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : []),
    z.array(z.string().regex(/^[0-9a-f-]{36}$/i, `${name} must be Entra ID object ids (GUIDs) separated by commas`))
  );

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

/** Shown until a council sets `POLICY_URL`; a valid address so cards still render, plainly not a real one. */
export const PLACEHOLDER_POLICY_URL = 'https://intranet.council.example/set-POLICY_URL-to-your-acceptable-use-policy';

/** The language model that may phrase policy answers; absent means retrieval answers alone. */
export type LlmConfig =
  | { kind: 'openai'; apiKey: string; model: string }
  | { kind: 'azure-openai'; apiKey: string; endpoint: string; deployment: string };

/** A PostgreSQL schema name that needs no quoting. */
export const PLAIN_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const envSchema = z.object({
  PORT: integer(3978, 0, 65535),
  HOST: optionalString,
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  STORE: z.preprocess(emptyToUndefined, z.enum(['lowdb', 'postgres'], { message: 'must be lowdb (the default) or postgres' }).default('lowdb')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a connection string such as postgres://USER:PASSWORD@HOST:5432/DATABASE').optional()
  ),
  DATABASE_SCHEMA: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(PLAIN_SCHEMA_NAME, 'must be a plain schema name (lower-case letters, digits and _)')
      // PostgreSQL keeps pg_ names for itself and refuses to create them.
      .refine((name) => !name.startsWith('pg_'), 'must not start with pg_ (PostgreSQL keeps those names)')
      .default('public')
  ),
  DATABASE_POOL_SIZE: integer(10, 1, 100),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
  ),
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  BOT_TYPE: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant')),
  TIME_ZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Europe/London').refine(isTimeZone, 'must be an IANA time zone such as Europe/London')
  ),
  RETENTION_MONTHS: integer(24, 13, 120),
  ICT_CONTACT: z.preprocess(
    emptyToUndefined,
    z.string().max(300).default('the ICT service desk (see the intranet for the number and portal)')
  ),
  MAX_BODY_BYTES: integer(256 * 1024, 1024, 10 * 1024 * 1024),
  POLICY_FILE: optionalString,
  POLICY_SYNONYMS_FILE: optionalString,
  POLICY_URL: z.preprocess(
    emptyToUndefined,
    z.string().url('must be a web address such as https://intranet.example/acceptable-use').default(PLACEHOLDER_POLICY_URL)
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4o-mini')),
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url('must be the resource URL, e.g. https://NAME.openai.azure.com').optional()),
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  ADMIN_IDS: idList('ADMIN_IDS'),
  FOI_OFFICER_IDS: idList('FOI_OFFICER_IDS'),
  ALLOWED_TENANT_IDS: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : []),
    z.array(z.string().regex(/^[0-9a-z.-]{1,100}$/i, 'ALLOWED_TENANT_IDS must be Entra tenant ids separated by commas'))
  ),
  RATE_LIMIT_PER_MINUTE: integer(20, 1, 100000),
  RETENTION_PURGE_CRON: z.preprocess(emptyToUndefined, z.string().max(100).default('30 2 * * *')),
  SUMMARY_CRON: z.preprocess(
    emptyToUndefined,
    z.string().default('0 9 * * 1').refine(isCron, 'must be a cron expression such as "0 9 * * 1" (Mondays at 09:00)')
  ),
  SUMMARY_TIME_ZONE: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London').optional()),
  NOTIFY_MANAGERS: flag(true),
  ORGANISATION_FILE: z.preprocess(emptyToUndefined, z.string().default('env/organisation.json')),
  FOI_SUPPRESSION_THRESHOLD: integer(5, 0, 100)
});

/** The all-zero GUID that `env/.env.local` uses for BOT_ID: a package built with it can be tried, not installed. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

/** Where the bot keeps its data: lowdb files in `dataDir` (the default), or a PostgreSQL database several instances share. */
export type StoreConfig =
  /** `databaseUrlIgnored`: DATABASE_URL is set but STORE is not postgres, which the start log warns of. */
  | { kind: 'lowdb'; databaseUrlIgnored?: true }
  | { kind: 'postgres'; url: string; schema: string; poolSize: number };

/** The validated configuration passed to every part of the bot. */
export interface Config {
  port: number;
  /** Interface to listen on; in local mode the default is loopback only. */
  host: string;
  /** The lowdb data directory; with PostgreSQL, where backups and exports go. */
  dataDir: string;
  store: StoreConfig;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Bot credentials. Absent means local mode: requests are not authenticated. */
  bot?: { appId: string; password?: string; tenantId?: string; type: z.infer<typeof envSchema>['BOT_TYPE'] };
  timeZone: string;
  retentionMonths: number;
  ictContact: string;
  maxBodyBytes: number;
  policy: {
    /** The policy Markdown file; the sample when unset. */
    file?: string;
    /** The synonym list; the shipped one when unset. */
    synonymsFile?: string;
    /** Where staff read the full policy; section links add `#section-id`. */
    url: string;
  };
  llm?: LlmConfig;
  /** Entra ID object ids of admins (all FOI officer rights, plus roles and policy gaps). */
  adminIds: string[];
  /** Entra ID object ids of FOI officers. */
  foiOfficerIds: string[];
  /**
   * Tenants whose activities are handled (lower case). Empty means every tenant: only in
   * local mode, or with credentials and neither `ALLOWED_TENANT_IDS` nor `BOT_TENANT_ID`.
   */
  allowedTenantIds: string[];
  /** Messages and card actions one person may send in a minute before being asked to wait. */
  rateLimitPerMinute: number;
  /** When the daily retention purge runs (cron syntax, in {@link Config.timeZone}). */
  retentionPurgeCron: string;
  /** When managers' summary cards are sent (cron, read in {@link Config.summaryTimeZone}). */
  summaryCron: string;
  summaryTimeZone: string;
  /** Send a manager each new device complaint from their team. */
  notifyManagers: boolean;
  /** The JSON file admins fill in for FOI questions d and f (absolute path). */
  organisationFile: string;
  /** Published FOI counts from 1 to this minus one show as "fewer than N"; 0 turns it off. */
  foiSuppressionThreshold: number;
  version: string;
}

/** Thrown when a variable is missing or has a bad value; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `env/.env.<name>` and its git-ignored `env/.env.<name>.user` (secrets), the user
 * file winning. The app package builder reads the same files as the bot.
 * @param name the environment's name, e.g. `local` or `dev`.
 * @param root the folder holding `env/`; the project's by default.
 * @throws ConfigError when the name is not a simple word or the file does not exist.
 */
export function readEnvFiles(name: string, root: string = projectRoot): NodeJS.ProcessEnv {
  if (!/^[a-z0-9-]+$/i.test(name)) throw new ConfigError(`the environment must be a simple name such as "dev", not "${name}"`);
  const file = path.join(root, 'env', `.env.${name}`);
  if (!existsSync(file)) throw new ConfigError(`${path.relative(root, file)} does not exist (copy env/.env.example to start it)`);
  const fromFile = parseEnv(readFileSync(file, 'utf8'));
  const userFile = `${file}.user`;
  const fromUserFile = existsSync(userFile) ? parseEnv(readFileSync(userFile, 'utf8')) : {};
  return { ...fromFile, ...fromUserFile };
}

/**
 * The values of environment `name` as the bot would see them: its env files underneath
 * the real environment, so that values set in the shell win over the files.
 * @param env the variables to read; `process.env` when omitted.
 */
export function environmentValues(name: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...readEnvFiles(name), ...env };
}

/** Reads `env/.env.<APP_ENV>` (when `APP_ENV` is set) underneath the real environment. */
function withEnvFile(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const name = env.APP_ENV?.trim();
  if (!name) return env;
  try {
    return environmentValues(name, env);
  } catch (error) {
    throw error instanceof ConfigError ? new ConfigError(`APP_ENV=${name}: ${error.message}`) : error;
  }
}

/** The product version from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Validates the environment and returns the configuration.
 * @param env the variables to read; `process.env` when omitted.
 * @throws ConfigError naming every variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const source = withEnvFile(env);
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`configuration is not valid:\n  ${problems.join('\n  ')}`);
  }
  const vars = parsed.data;
  if (vars.BOT_ID === PLACEHOLDER_BOT_ID) {
    throw new ConfigError(
      `BOT_ID is the placeholder ${PLACEHOLDER_BOT_ID} (env/.env.local is for building a test app package): set your Azure Bot's Microsoft App ID, or leave BOT_ID unset for local mode`
    );
  }
  if (vars.BOT_PASSWORD && !vars.BOT_ID) throw new ConfigError('BOT_PASSWORD is set but BOT_ID is not');
  if (vars.BOT_ID && vars.BOT_TYPE === 'SingleTenant' && !vars.BOT_TENANT_ID) {
    throw new ConfigError('BOT_TENANT_ID is required when BOT_ID is set and BOT_TYPE is SingleTenant');
  }
  if (!isCron(vars.RETENTION_PURGE_CRON)) throw new ConfigError(`RETENTION_PURGE_CRON must be a cron pattern such as "30 2 * * *", not "${vars.RETENTION_PURGE_CRON}"`);
  if (vars.AZURE_OPENAI_API_KEY && (!vars.AZURE_OPENAI_ENDPOINT || !vars.AZURE_OPENAI_DEPLOYMENT)) {
    throw new ConfigError('AZURE_OPENAI_API_KEY is set, so AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT are required too');
  }
  const llm: LlmConfig | undefined = vars.AZURE_OPENAI_API_KEY
    ? { kind: 'azure-openai', apiKey: vars.AZURE_OPENAI_API_KEY, endpoint: vars.AZURE_OPENAI_ENDPOINT!, deployment: vars.AZURE_OPENAI_DEPLOYMENT! }
    : vars.OPENAI_API_KEY
      ? { kind: 'openai', apiKey: vars.OPENAI_API_KEY, model: vars.OPENAI_MODEL }
      : undefined;
  if (vars.STORE === 'postgres' && !vars.DATABASE_URL) throw new ConfigError('DATABASE_URL is required when STORE=postgres');
  const store: StoreConfig =
    vars.STORE === 'postgres'
      ? { kind: 'postgres', url: vars.DATABASE_URL!, schema: vars.DATABASE_SCHEMA, poolSize: vars.DATABASE_POOL_SIZE }
      : { kind: 'lowdb', ...(vars.DATABASE_URL && { databaseUrlIgnored: true as const }) };
  const bot = vars.BOT_ID
    ? { appId: vars.BOT_ID, password: vars.BOT_PASSWORD, tenantId: vars.BOT_TENANT_ID, type: vars.BOT_TYPE }
    : undefined;
  return {
    port: vars.PORT,
    host: vars.HOST ?? (bot ? '0.0.0.0' : '127.0.0.1'),
    dataDir: path.resolve(vars.DATA_DIR),
    store,
    logLevel: vars.LOG_LEVEL,
    bot,
    timeZone: vars.TIME_ZONE,
    retentionMonths: vars.RETENTION_MONTHS,
    ictContact: vars.ICT_CONTACT,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    policy: {
      file: vars.POLICY_FILE && path.resolve(vars.POLICY_FILE),
      synonymsFile: vars.POLICY_SYNONYMS_FILE && path.resolve(vars.POLICY_SYNONYMS_FILE),
      url: vars.POLICY_URL
    },
    llm,
    adminIds: vars.ADMIN_IDS.map((id) => id.toLowerCase()),
    foiOfficerIds: vars.FOI_OFFICER_IDS.map((id) => id.toLowerCase()),
    allowedTenantIds: (vars.ALLOWED_TENANT_IDS.length > 0 ? vars.ALLOWED_TENANT_IDS : vars.BOT_TENANT_ID ? [vars.BOT_TENANT_ID] : []).map((id) => id.toLowerCase()),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    retentionPurgeCron: vars.RETENTION_PURGE_CRON,
    summaryCron: vars.SUMMARY_CRON,
    summaryTimeZone: vars.SUMMARY_TIME_ZONE ?? vars.TIME_ZONE,
    notifyManagers: vars.NOTIFY_MANAGERS,
    organisationFile: path.resolve(projectRoot, vars.ORGANISATION_FILE),
    foiSuppressionThreshold: vars.FOI_SUPPRESSION_THRESHOLD,
    version: packageVersion()
  };
}
