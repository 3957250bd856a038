/**
 * One scheduled summary run: every manager in the roster gets their team's summary card
 * in their 1:1 chat, and every FOI officer the council's, one at a time; the run log says
 * what happened to each.
 *
 * Never twice: a run is keyed by the time it was scheduled for. Before each card goes out
 * the manager's delivery is claimed as `sending` (only one claim succeeds, however many
 * instances run the schedule), and after it stored as `sent`, `skipped` or `failed`. A run
 * started again with the same key (after a restart or a crash) passes over everyone with a
 * delivery already recorded. A `sending` older than {@link SENDING_LEASE_MS} was left by a
 * crash: the card may or may not have reached Teams, so it is recorded as failed
 * ("interrupted") and not sent again, because a missing weekly card is better than a second
 * one. A younger one is another instance's send in progress, and is left to it.
 */
import { MessageFactory } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import type { FeatureDeps } from '../../shared/deps.js';
import type { ProactiveSender, SendOutcome } from '../../shared/proactive.js';
import { directReportsByManager } from '../../shared/roster.js';
import type { SummaryDelivery, SummaryRun } from '../../store/types.js';
import { reportsForSummary, summaryForAudience } from './audience.js';

/** Longer than one send can take with its retries (each wait is capped at a minute). */
export const SENDING_LEASE_MS = 10 * 60_000;

function deliveryFor(outcome: SendOutcome): Pick<SummaryDelivery, 'outcome' | 'reason'> {
  switch (outcome.status) {
    case 'sent':
      return { outcome: 'sent' };
    case 'no-conversation':
      return { outcome: 'skipped', reason: 'no-conversation' };
    case 'gone':
      return { outcome: 'skipped', reason: 'app-removed' };
    case 'failed':
      return { outcome: 'failed', reason: outcome.reason };
  }
}

/** FOI officers from config and from grants (admins are not sent the council's summary unasked). */
async function foiOfficers(deps: FeatureDeps): Promise<string[]> {
  const granted = (await deps.store.roles.list('foi-officer')).map((g) => g.aadObjectId.toLowerCase());
  return [...new Set([...deps.config.foiOfficerIds, ...granted])];
}

/**
 * Sends the summaries for the run scheduled at `slot`, covering `days` days up to it.
 * Safe to call again with the same slot: it finishes what is left and sends nothing twice.
 */
export async function runSummaries(deps: FeatureDeps, sender: ProactiveSender, slot: Date, days: number): Promise<SummaryRun> {
  const { store, log, now } = deps;
  const runKey = slot.toISOString();
  const run = await store.summaryRuns.start(runKey, now().toISOString());
  if (run.finishedAt) {
    log.info({ event: 'summary.run.already-done', runKey }, 'summary run already finished');
    return run;
  }
  const recorded = new Map(run.deliveries.map((d) => [d.managerId, d]));
  const employees = await store.people.listEmployees();
  const reports = await reportsForSummary(store, slot, days);
  const record = (managerId: string, result: Pick<SummaryDelivery, 'outcome' | 'reason'>) =>
    store.summaryRuns.recordDelivery(runKey, { managerId, ...result, at: now().toISOString() });

  /** Sends one card unless this run already logged the recipient; logs what happened. */
  async function deliver(recipientKey: string, aadObjectId: string | undefined, card: () => AdaptiveCard): Promise<void> {
    const earlier = recorded.get(recipientKey);
    const abandoned = earlier?.outcome === 'sending' && now().getTime() - Date.parse(earlier.at) > SENDING_LEASE_MS;
    if (abandoned) await record(recipientKey, { outcome: 'failed', reason: 'interrupted' });
    if (earlier) return;
    if (!aadObjectId) return record(recipientKey, { outcome: 'skipped', reason: 'not-in-teams' });
    if (!(await store.summaryRuns.claimDelivery(runKey, recipientKey, now().toISOString()))) return;
    const outcome = await sender.send(aadObjectId, MessageFactory.attachment(cardAttachment(card())));
    await record(recipientKey, deliveryFor(outcome));
  }

  const teams = directReportsByManager(employees);
  for (const manager of employees) {
    const team = teams.get(manager.employeeId) ?? [];
    if (team.length === 0) continue;
    const aad = manager.aadObjectId?.toLowerCase();
    await deliver(aad ?? `employee:${manager.employeeId}`, aad, () => summaryForAudience(reports, { kind: 'team', manager, team }, slot, days, deps.config.summaryTimeZone));
  }
  // FOI officers get the council's summary, logged apart from any team summary they get as managers.
  for (const officer of await foiOfficers(deps)) {
    await deliver(`council:${officer}`, officer, () => summaryForAudience(reports, { kind: 'council' }, slot, days, deps.config.summaryTimeZone));
  }

  // Instances sharing the store run the schedule together: the last one still sending closes the run.
  const logged = (await store.summaryRuns.get(runKey))!;
  if (!logged.deliveries.some((d) => d.outcome === 'sending')) {
    logged.finishedAt = now().toISOString();
    await store.summaryRuns.finish(runKey, logged.finishedAt);
  }
  const count = (outcome: SummaryDelivery['outcome']) => logged.deliveries.filter((d) => d.outcome === outcome).length;
  log.info(
    { event: 'summary.run.finished', runKey, closed: Boolean(logged.finishedAt), sent: count('sent'), skipped: count('skipped'), failed: count('failed') },
    'summary run finished here'
  );
  return logged;
}
