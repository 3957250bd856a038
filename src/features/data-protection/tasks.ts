/**
 * The data-protection tasks as the bot and the CLIs run them: apply the pure rules to the
 * store and audit what was done. Audit entries carry counts and pseudonyms, never the data.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Cron } from 'croner';
import type { FeatureDeps } from '../../shared/deps.js';
import type { Store } from '../../store/store.js';
import { purgedTotal, type PurgeCounts } from '../../store/purge.js';
import { retentionCutoff } from './retention.js';
import { eraseSubject, exportSubject, type ErasureCounts, type SubjectExport } from './subject.js';

/** Who runs a task, for the audit: `cli:<user>` or `bot:schedule`. */
export interface TaskContext {
  store: Store;
  now: () => Date;
  actor: string;
}

export interface PurgeResult {
  cutoff: string;
  dryRun: boolean;
  counts: PurgeCounts;
}

/** Purges what is older than the retention period (or, with `dryRun`, only counts it). */
export async function runPurge(task: TaskContext, retentionMonths: number, dryRun = false): Promise<PurgeResult> {
  const cutoff = retentionCutoff(task.now(), retentionMonths);
  // Counts what this call removed: another instance sharing the store may have purged first.
  const counts = await task.store.purgeBefore(cutoff.toISOString(), dryRun);
  if (!dryRun && purgedTotal(counts) > 0) {
    await task.store.audit.add({
      at: task.now().toISOString(),
      actorId: task.actor,
      action: 'retention.purge',
      outcome: 'done',
      detail: `before ${cutoff.toISOString()}: ${JSON.stringify(counts)}`
    });
  }
  return { cutoff: cutoff.toISOString(), dryRun, counts };
}

/** Everything held about one person; the export itself is audited. */
export async function runSubjectExport(task: TaskContext, id: string): Promise<SubjectExport> {
  const result = exportSubject(await task.store.subjectData(id), id);
  await task.store.audit.add({ at: task.now().toISOString(), actorId: task.actor, action: 'subject.export', target: id, outcome: 'done' });
  return result;
}

export interface ErasureResult {
  /** The pseudonym that now stands for the person in kept records; absent when nothing was held. */
  pseudonym?: string;
  counts: ErasureCounts;
}

/** Whether an erasure removed or changed anything. */
function touches(counts: ErasureCounts): boolean {
  return [...Object.values(counts.removed), ...Object.values(counts.anonymised)].some((n) => n > 0);
}

/**
 * Erases one person (see subject.ts for what goes and what stays), audited under the
 * pseudonym. The erasure and its audit entry are one rewrite, so neither is kept without
 * the other.
 */
export async function runSubjectErase(task: TaskContext, id: string): Promise<ErasureResult> {
  const pseudonym = `erased-${randomUUID()}`;
  const erasure: { counts?: ErasureCounts } = {};
  const at = task.now().toISOString();
  // Read, erase and write back in one step, so nothing written meanwhile escapes the erasure.
  await task.store.rewrite((data) => {
    const erased = eraseSubject(data, id, pseudonym);
    erasure.counts = erased.counts;
    if (!touches(erased.counts)) return {};
    const entry = { at, actorId: task.actor, action: 'subject.erase', target: pseudonym, outcome: 'done' as const, detail: JSON.stringify(erased.counts) };
    return { ...erased.data, audit: [...erased.data.audit, entry] };
  });
  const counts = erasure.counts!;
  return touches(counts) ? { pseudonym, counts } : { counts };
}

/** A backup folder's name: the time, sortable and safe in file names. */
export function backupFolder(root: string, now: Date): string {
  return path.join(root, `backup-${now.toISOString().replace(/[:.]/g, '-')}`);
}

/**
 * Runs the retention purge daily inside the bot, on `RETENTION_PURGE_CRON` in the council's
 * time zone. A run still going when the next is due is skipped rather than overlapped.
 */
export function scheduleRetention(deps: FeatureDeps): Cron {
  const { config, store, log, now } = deps;
  return new Cron(
    config.retentionPurgeCron,
    { timezone: config.timeZone, protect: true, name: 'retention-purge' },
    async () => {
      try {
        const result = await runPurge({ store, now, actor: 'bot:schedule' }, config.retentionMonths);
        log.info({ event: 'retention.purged', cutoff: result.cutoff, ...result.counts }, 'retention purge done');
      } catch (error) {
        log.error({ event: 'retention.failed', err: { name: (error as Error).name, message: (error as Error).message } }, 'retention purge failed');
      }
    }
  );
}
