/**
 * Tenant binding: an activity from a tenant the council has not allowed is refused before
 * any feature sees it, audited, and changes nothing else.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { FeatureDeps } from '../shared/deps.js';
import { refuseTurn } from './refuse.js';
import { METRICS } from '../shared/telemetry.js';

/** The tenant an activity says it comes from (Teams puts it in `channelData.tenant.id`). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
  return typeof id === 'string' && id.trim() !== '' ? id.trim().toLowerCase() : undefined;
}

/** True when `tenant` may use the bot. An empty allow-list allows every tenant. */
export function isTenantAllowed(allowed: readonly string[], tenant: string | undefined): boolean {
  if (allowed.length === 0) return true;
  return tenant !== undefined && allowed.includes(tenant);
}

/**
 * A `beforeTurn` handler: returns false (stop) for an activity from another tenant.
 * Messages are dropped silently (nothing is sent into a tenant we do not serve);
 * invokes get 403 so the Teams client shows a failure rather than waiting.
 */
export function tenantGuard(deps: FeatureDeps) {
  return async (context: TurnContext): Promise<boolean> => {
    const tenant = tenantOf(context.activity);
    if (isTenantAllowed(deps.config.allowedTenantIds, tenant)) return true;
    const from = context.activity.from;
    await deps.store.audit.add({
      at: deps.now().toISOString(),
      actorId: from?.aadObjectId ?? from?.id ?? 'unknown',
      action: 'tenant.refused',
      outcome: 'refused',
      detail: `tenant ${tenant ?? 'not given'}; activity ${String(context.activity.type).slice(0, 40)}`
    });
    deps.log.warn({ event: 'tenant.refused', tenant: tenant ?? null, activityType: context.activity.type }, 'activity from another tenant refused');
    deps.telemetry?.count(METRICS.refusals, { reason: 'tenant' });
    await refuseTurn(context, 403);
    return false;
  };
}
