/** Starts the bot: config -> store -> app -> server. */
import { createAdapter } from './adapter.js';
import { createBotParts } from './app.js';
import { ConfigError, DEFAULT_ICT_CONTACT, loadConfig, PLACEHOLDER_POLICY_URL } from './config.js';
import { scheduleSummaries } from './features/summaries/schedule.js';
import { createLogger } from './log.js';
import { createServer } from './server.js';
import { storeSettings } from './cli/data-task.js';
import { openStore } from './store/open.js';
import { StoreError } from './store/store.js';
import { scheduleRetention } from './features/data-protection/tasks.js';
import { PolicyFileError } from './features/policy/policy-document.js';
import { Lifecycle } from './shared/lifecycle.js';
import { startTelemetry } from './telemetry/start.js';
import { instrumentStore } from './telemetry/store.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // OpenTelemetry is loaded only when an exporter is configured.
  const started = await startTelemetry(config.telemetry, config.version);
  const telemetry = started?.telemetry;
  const opened = await openStore(storeSettings(config), { writer: 'the bot', log: (message) => log.info({ event: 'store.migrate' }, message) });
  const store = telemetry ? instrumentStore(opened.store, telemetry) : opened.store;
  const adapter = createAdapter(config);
  const lifecycle = new Lifecycle();
  const deps = { config, store, log, now: () => new Date(), rateLimits: opened.rateLimits, lifecycle, telemetry };
  const { app, proactive, events } = createBotParts(deps, adapter, store.botState);
  const retention = scheduleRetention(deps);
  const server = createServer({ config, log, store, adapter, app, lifecycle, telemetry });
  const address = await server.listen();
  const schedule = proactive && scheduleSummaries(deps, proactive);

  if (!config.bot) {
    const banner = '*'.repeat(72);
    process.stderr.write(
      `\n${banner}\n  LOCAL MODE: requests are not authenticated.\n  BOT_ID is not set, so anyone who can reach this port can talk to the bot.\n  Listening on ${address.address} only. Set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID for Teams.\n  ${config.allowedTenantIds.length ? `Tenants allowed: ${config.allowedTenantIds.join(', ')}.` : 'ALLOWED_TENANT_IDS is not set: activities from every tenant are handled.'}\n${banner}\n\n`
    );
  }
  if (config.store.kind === 'lowdb' && config.store.databaseUrlIgnored) {
    log.warn({ event: 'store.database-url-ignored' }, 'DATABASE_URL is set but STORE is not postgres: the data is kept in DATA_DIR, not shared with other instances');
  }
  // Staff would be answered from the sample policy, sent to a placeholder page, or told a generic contact.
  const samples = config.bot ? [!config.policy.file && 'POLICY_FILE', config.policy.url === PLACEHOLDER_POLICY_URL && 'POLICY_URL', config.ictContact === DEFAULT_ICT_CONTACT && 'ICT_CONTACT'].filter(Boolean) : [];
  if (samples.length) {
    log.warn({ event: 'config.sample', variables: samples }, `${samples.join(', ')} still point at the sample: set the council's own before staff use the bot`);
  }
  if (config.bot && config.allowedTenantIds.length === 0) {
    log.warn({ event: 'tenant.allow-all' }, 'neither ALLOWED_TENANT_IDS nor BOT_TENANT_ID is set: activities from every tenant are handled');
  }
  if (config.telemetry) log.info({ event: 'telemetry.started', exporter: config.telemetry.kind }, 'traces and metrics are exported');
  log.info({ event: 'started', address: address.address, port: address.port, mode: config.bot ? 'authenticated' : 'local', store: config.store.kind, version: config.version }, `bot listening on http://${address.address}:${address.port}/api/messages`);

  // Drains before it exits: /readyz and new messages get 503 at once, the turns under way
  // finish (their saves included), then the notifications they started, within the bound.
  // A second signal ends the process at once (the handlers are `once`).
  const stop = async (signal: string) => {
    log.info({ event: 'stopping', signal, inFlight: lifecycle.inFlight }, 'stopping: no new messages, finishing the work under way');
    lifecycle.startDraining();
    schedule?.stop();
    retention.stop();
    const drained = await lifecycle.drain(config.shutdownTimeoutMs, () => events.idle());
    if (drained.finished) log.info({ event: 'drained', ms: drained.ms }, 'work under way finished');
    else log.warn({ event: 'drain.timed-out', ms: drained.ms, pending: drained.pending }, 'stopping with work still under way (SHUTDOWN_TIMEOUT_SECONDS)');
    await server.close();
    await opened.close();
    await started?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreError || error instanceof PolicyFileError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
