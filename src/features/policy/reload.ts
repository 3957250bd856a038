/**
 * Changing the policy without a restart: an admin's "policy reload", the policy file
 * changing on disk (POLICY_WATCH=true), and taking up a reload made on another instance.
 * Each swap or refusal is audited; the policy text never goes to the logs.
 */
import { watchFile } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { TurnContext } from 'botbuilder';
import { senderId } from '../../shared/activity.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { checkRole, refusalText } from '../../shared/roles.js';
import type { LivePolicy, ReloadOutcome } from './live-policy.js';

/** Who the audit names for a reload the file watch made. */
export const WATCH_ACTOR = 'policy-watch';
/** Who the audit names for a policy taken up from another instance. */
export const FOLLOW_ACTOR = 'policy-follow';
/** How often the file watch looks at the policy file. */
const WATCH_INTERVAL_MS = 2000;

/** What the admin is told: what went in, or every problem and that the old policy stays. */
export function reloadMessage(outcome: ReloadOutcome, shared = false): string {
  if (!outcome.ok) {
    return [`The policy was not reloaded: the check found ${outcome.problems.length} ${outcome.problems.length === 1 ? 'problem' : 'problems'}. Staff are still answered from the policy in force.`, '', ...outcome.problems.map((p) => `- ${p}`)].join('\n');
  }
  if (outcome.unchanged) return `The policy file has not changed (version ${outcome.version}, ${outcome.sections} sections); nothing to swap.`;
  const changes = [outcome.added.length ? `added: ${outcome.added.join(', ')}` : '', outcome.removed.length ? `removed: ${outcome.removed.join(', ')}` : ''].filter(Boolean);
  const everywhere = shared ? ' The other instances take it up before their next answer, within 30 seconds.' : '';
  return `Policy reloaded: ${outcome.sections} sections, version ${outcome.version}.${changes.length ? ` Sections ${changes.join('; ')}.` : ''}${everywhere}`;
}

/** Records a reload (or its refusal) in the audit trail and the log. */
async function audit(deps: FeatureDeps, actorId: string, outcome: ReloadOutcome): Promise<void> {
  const detail = outcome.ok ? `version ${outcome.version}, ${outcome.sections} sections${outcome.unchanged ? ', unchanged' : ''}` : `${outcome.problems.length} problems; the policy in force was kept`;
  await deps.store.audit.add({ at: deps.now().toISOString(), actorId, action: 'policy.reload', outcome: outcome.ok ? 'done' : 'refused', detail });
  deps.log.info({ event: outcome.ok ? 'policy.reloaded' : 'policy.reload.refused', by: actorId, version: outcome.ok ? outcome.version : undefined, problems: outcome.ok ? undefined : outcome.problems.length }, 'policy reload');
}

/** What `/readyz` shows while this instance cannot take up the policy the others answer from. */
export const POLICY_NOT_IN_STEP = 'failed-check';
/** What `/readyz` shows while the policy's meanings are first encoded (a new policy, once: about 11 s for the sample). */
export const POLICY_ENCODING = 'encoding';
/** What `/readyz` shows when the sentence model could not be loaded: questions cannot be answered. */
export const POLICY_MODEL_FAILED = 'model-failed';

/**
 * How long a question waits for a policy another instance reloaded to go in here: an edited
 * policy's few new texts are encoded well within it; a wholly new one answers from the
 * policy in force meanwhile, and goes in when its meanings are ready.
 */
export const FOLLOW_WAIT_MS = 3000;

/**
 * Takes up a policy another instance reloaded, before a question is answered, waiting for it
 * at most `waitMs`. The outcome is audited whenever it comes. A failure to reach the store is
 * logged and the question answered from the policy in force.
 */
export async function followPolicy(live: LivePolicy, deps: FeatureDeps, waitMs = FOLLOW_WAIT_MS): Promise<void> {
  const failed = (error: Error) => deps.log.warn({ event: 'policy.follow.failed', err: { message: error.message } }, 'could not take up a policy reloaded elsewhere');
  try {
    const following = await live.follow();
    if (!following) return;
    const audited = following.installed.then((outcome) => audit(deps, FOLLOW_ACTOR, outcome)).catch(failed);
    await Promise.race([audited, delay(waitMs, undefined, { ref: false })]);
  } catch (error) {
    failed(error as Error);
  }
}

/**
 * Registers "policy reload" (admins), with POLICY_WATCH the file watch, and the policy's
 * readiness check. Until the policy's meanings are encoded the instance is not ready, so a
 * load balancer sends it no questions that would wait for them. A policy another instance published that fails this instance's check (its
 * synonym file differs, say) leaves it answering from an older policy than the others, so it
 * is not ready until one passes. The check looks for a newer policy itself, since an instance
 * taken out of rotation gets no questions to look before.
 */
export function registerReload(app: BotApp, deps: FeatureDeps, live: LivePolicy): void {
  deps.lifecycle?.addCheck('policy', async () => {
    // A readiness probe does not wait for a policy to go in: the policy in force answers meanwhile.
    await followPolicy(live, deps, 0);
    if (live.index.meanings === 'encoding') return POLICY_ENCODING;
    if (live.index.meanings === 'failed') return POLICY_MODEL_FAILED;
    return live.behind ? POLICY_NOT_IN_STEP : undefined;
  });
  onCommand(app, 'policy-reload', async (context: TurnContext) => {
    if (!(await checkRole(context, deps, 'admin', 'policy-reload'))) {
      await context.sendActivity(refusalText('admin'));
      return;
    }
    const outcome = await live.reload(senderId(context) ?? 'unknown');
    await audit(deps, senderId(context) ?? 'unknown', outcome);
    await context.sendActivity(reloadMessage(outcome, live.shared));
  });

  if (deps.config.policy.watch) {
    const file = deps.config.policy.file;
    if (!file) {
      deps.log.warn({ event: 'policy.watch.sample' }, 'POLICY_WATCH is set but POLICY_FILE is not: the sample policy is not watched');
      return;
    }
    // Polling rather than fs.watch: editors and copies that replace the file keep being seen.
    const watcher = watchFile(file, { interval: WATCH_INTERVAL_MS }, (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs) return;
      void live.reload(WATCH_ACTOR).then(
        (outcome) => audit(deps, WATCH_ACTOR, outcome),
        (error: Error) => deps.log.error({ event: 'policy.watch.failed', err: { message: error.message } }, 'policy watch reload failed')
      );
    });
    // The watch never keeps the process alive on its own.
    watcher.unref();
  }
}
