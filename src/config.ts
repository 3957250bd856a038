/**
 * The bot's configuration: the only reader of `process.env`. Everything is read once at
 * start, checked (config/variables.ts names every wrong variable at once), and passed down
 * as a plain object.
 *
 * Variables use the Microsoft 365 Agents Toolkit names where one exists (`BOT_ID`,
 * `BOT_PASSWORD`, `BOT_TENANT_ID`, `BOT_TYPE`). A relative path (`DATA_DIR`, `POLICY_FILE`,
 * `POLICY_SYNONYMS_FILE`, `POLICY_OTHER_TOPICS_FILE`, `POLICY_VECTORS_FILE`, `ORGANISATION_FILE`) is read against the project's folder.
 */
import { ConfigError, packageVersion, withEnvFiles } from './config/env-files.js';
import { projectPath } from './config/paths.js';
import { readVariables, type Variables } from './config/variables.js';

export { ConfigError, environmentValues, packageVersion, readEnvFiles } from './config/env-files.js';
export { DEFAULT_ICT_CONTACT, PLACEHOLDER_BOT_ID, PLACEHOLDER_POLICY_URL } from './config/variables.js';

/** The language model that may phrase policy answers; absent means retrieval answers alone. */
export type LlmConfig =
  | { kind: 'openai'; apiKey: string; model: string }
  | { kind: 'azure-openai'; apiKey: string; endpoint: string; deployment: string };

/** Where the bot keeps its data: lowdb files in `dataDir` (the default), or a PostgreSQL database several instances share. */
export type StoreConfig =
  /** `databaseUrlIgnored`: DATABASE_URL is set but STORE is not postgres, which the start log warns of. */
  | { kind: 'lowdb'; databaseUrlIgnored?: true }
  | { kind: 'postgres'; url: string; schema: string; poolSize: number };

/** Where spans and metrics go: Azure Monitor (Application Insights) or an OTLP/HTTP collector. Absent: nowhere, and OpenTelemetry is not loaded. */
export type TelemetryConfig = { kind: 'azure-monitor'; connectionString: string } | { kind: 'otlp'; endpoint: string };

/** The validated configuration passed to every part of the bot. */
export interface Config {
  port: number;
  /** Interface to listen on; in local mode the default is loopback only. */
  host: string;
  /** The lowdb data directory (absolute); with PostgreSQL, where backups and exports go. */
  dataDir: string;
  store: StoreConfig;
  logLevel: Variables['LOG_LEVEL'];
  /** Bot credentials. Absent means local mode: requests are not authenticated. */
  bot?: { appId: string; password?: string; tenantId?: string; type: Variables['BOT_TYPE'] };
  timeZone: string;
  retentionMonths: number;
  ictContact: string;
  maxBodyBytes: number;
  /** How long a SIGTERM drain may take before the bot exits with work still going. */
  shutdownTimeoutMs: number;
  telemetry?: TelemetryConfig;
  policy: {
    /** The policy Markdown file (absolute); the sample when unset. */
    file?: string;
    /** The synonym list (absolute); the shipped one when unset. */
    synonymsFile?: string;
    /** Topics the policy does not cover and where they go; the shipped list when unset. */
    otherTopicsFile?: string;
    /** Where the vectors of the policy's texts are kept between starts; `dist/sentence-vectors.json` when unset. */
    vectorsFile?: string;
    /** Where staff read the full policy; section links add `#section-id`. */
    url: string;
    /** Reload the policy when its file changes (it is checked first, as on "policy reload"). */
    watch: boolean;
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
  /** The JSON file admins fill in for FOI questions d and f (absolute). */
  organisationFile: string;
  /** Published FOI counts from 1 to this minus one show as "fewer than N"; 0 turns it off. */
  foiSuppressionThreshold: number;
  version: string;
}

function llmOf(vars: Variables): LlmConfig | undefined {
  if (vars.AZURE_OPENAI_API_KEY) {
    return { kind: 'azure-openai', apiKey: vars.AZURE_OPENAI_API_KEY, endpoint: vars.AZURE_OPENAI_ENDPOINT!, deployment: vars.AZURE_OPENAI_DEPLOYMENT! };
  }
  return vars.OPENAI_API_KEY ? { kind: 'openai', apiKey: vars.OPENAI_API_KEY, model: vars.OPENAI_MODEL } : undefined;
}

function storeOf(vars: Variables): StoreConfig {
  if (vars.STORE === 'postgres') return { kind: 'postgres', url: vars.DATABASE_URL!, schema: vars.DATABASE_SCHEMA, poolSize: vars.DATABASE_POOL_SIZE };
  return { kind: 'lowdb', ...(vars.DATABASE_URL && { databaseUrlIgnored: true as const }) };
}

/**
 * Validates the environment and returns the configuration.
 * @param env the variables to read; `process.env` when omitted. With `APP_ENV` set, its env
 *   files are read underneath.
 * @param overrides values that win over `env` and the files, e.g. `STORE` for a tool that
 *   copies into the database before the bot is switched to it.
 * @throws ConfigError naming every variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: NodeJS.ProcessEnv = {}): Config {
  const read = readVariables({ ...withEnvFiles(env), ...overrides });
  if (!read.ok) throw new ConfigError(`configuration is not valid:\n  ${read.problems.join('\n  ')}`);
  const vars = read.variables;
  const bot = vars.BOT_ID ? { appId: vars.BOT_ID, password: vars.BOT_PASSWORD, tenantId: vars.BOT_TENANT_ID, type: vars.BOT_TYPE } : undefined;
  const lower = (ids: string[]) => ids.map((id) => id.toLowerCase());
  return {
    port: vars.PORT,
    host: vars.HOST ?? (bot ? '0.0.0.0' : '127.0.0.1'),
    dataDir: projectPath(vars.DATA_DIR),
    store: storeOf(vars),
    logLevel: vars.LOG_LEVEL,
    bot,
    timeZone: vars.TIME_ZONE,
    retentionMonths: vars.RETENTION_MONTHS,
    ictContact: vars.ICT_CONTACT,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    telemetry: vars.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { kind: 'azure-monitor', connectionString: vars.APPLICATIONINSIGHTS_CONNECTION_STRING }
      : vars.OTEL_EXPORTER_OTLP_ENDPOINT
        ? { kind: 'otlp', endpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT }
        : undefined,
    policy: {
      file: vars.POLICY_FILE && projectPath(vars.POLICY_FILE),
      synonymsFile: vars.POLICY_SYNONYMS_FILE && projectPath(vars.POLICY_SYNONYMS_FILE),
      otherTopicsFile: vars.POLICY_OTHER_TOPICS_FILE && projectPath(vars.POLICY_OTHER_TOPICS_FILE),
      vectorsFile: vars.POLICY_VECTORS_FILE && projectPath(vars.POLICY_VECTORS_FILE),
      url: vars.POLICY_URL,
      watch: vars.POLICY_WATCH
    },
    llm: llmOf(vars),
    adminIds: lower(vars.ADMIN_IDS),
    foiOfficerIds: lower(vars.FOI_OFFICER_IDS),
    allowedTenantIds: lower(vars.ALLOWED_TENANT_IDS.length > 0 ? vars.ALLOWED_TENANT_IDS : vars.BOT_TENANT_ID ? [vars.BOT_TENANT_ID] : []),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    retentionPurgeCron: vars.RETENTION_PURGE_CRON,
    summaryCron: vars.SUMMARY_CRON,
    summaryTimeZone: vars.SUMMARY_TIME_ZONE ?? vars.TIME_ZONE,
    notifyManagers: vars.NOTIFY_MANAGERS,
    organisationFile: projectPath(vars.ORGANISATION_FILE),
    foiSuppressionThreshold: vars.FOI_SUPPRESSION_THRESHOLD,
    version: packageVersion()
  };
}
