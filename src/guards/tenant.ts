/**
 * Tenant binding: an activity from a tenant the council has not allowed is refused before
 * any feature sees it, audited, and changes nothing else. The audit is rate-limited: a
 * tenant's first refusal is an entry of its own, and the refusals that follow within
 * {@link TENANT_AUDIT_INTERVAL_MS} are one entry with their count, so a flood from another
 * tenant cannot grow the audit trail by an entry per activity.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { FeatureDeps } from '../shared/deps.js';
import { refuseTurn } from './refuse.js';
import { METRICS } from '../shared/telemetry.js';

/** How long a tenant's refusals after its first are counted into one audit entry. */
export const TENANT_AUDIT_INTERVAL_MS = 10 * 60_000;
/** Tenants counted separately at once; more (a flood of made-up tenant ids) share one count. */
const TENANTS_TRACKED = 1000;
const OTHER_TENANTS = 'other tenants';

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
  const refusals = new RefusalAudit(deps);
  return async (context: TurnContext): Promise<boolean> => {
    const tenant = tenantOf(context.activity);
    if (isTenantAllowed(deps.config.allowedTenantIds, tenant)) return true;
    await refusals.refused(tenant, context.activity);
    deps.log.warn({ event: 'tenant.refused', tenant: tenant ?? null, activityType: context.activity.type }, 'activity from another tenant refused');
    deps.telemetry?.count(METRICS.refusals, { reason: 'tenant' });
    await refuseTurn(context, 403);
    return false;
  };
}

/** One tenant's window of counted refusals. */
interface RefusalWindow {
  /** When its first refusal was audited (ISO). */
  since: string;
  until: number;
  /** Refusals since then, not audited yet. */
  more: number;
  timer?: NodeJS.Timeout;
}

/** Audits refusals by tenant: the first of a window at once, the rest of it as one counted entry. */
class RefusalAudit {
  readonly #deps: Pick<FeatureDeps, 'store' | 'log' | 'now'>;
  readonly #windows = new Map<string, RefusalWindow>();

  constructor(deps: Pick<FeatureDeps, 'store' | 'log' | 'now'>) {
    this.#deps = deps;
  }

  async refused(tenant: string | undefined, activity: Partial<Activity>): Promise<void> {
    const now = this.#deps.now().getTime();
    const key = this.#keyFor(tenant ?? 'not given', now);
    const window = this.#windows.get(key);
    if (window && window.until > now) {
      window.more++;
      // Written when the window ends even if the tenant sends nothing more.
      window.timer ??= setTimeout(() => void this.#close(key).catch((error: unknown) => this.#failed(error)), window.until - now).unref();
      return;
    }
    // Ended and started in one synchronous step, so a refusal arriving meanwhile joins the new window.
    const closing = window && this.#close(key);
    this.#windows.set(key, { since: new Date(now).toISOString(), until: now + TENANT_AUDIT_INTERVAL_MS, more: 0 });
    await closing;
    const from = activity.from;
    await this.#deps.store.audit.add({
      at: new Date(now).toISOString(),
      actorId: from?.aadObjectId ?? from?.id ?? 'unknown',
      action: 'tenant.refused',
      outcome: 'refused',
      detail: `tenant ${key}; activity ${String(activity.type).slice(0, 40)}`
    });
  }

  /** The tenant's own key, unless so many are counted already that it joins the shared one. */
  #keyFor(tenant: string, now: number): string {
    if (this.#windows.has(tenant) || this.#windows.size < TENANTS_TRACKED) return tenant;
    for (const [key, window] of this.#windows) if (window.until <= now && window.more === 0) this.#windows.delete(key);
    return this.#windows.size < TENANTS_TRACKED ? tenant : OTHER_TENANTS;
  }

  /** Ends a tenant's window, auditing the refusals counted in it. */
  async #close(key: string): Promise<void> {
    const window = this.#windows.get(key);
    if (!window) return;
    this.#windows.delete(key);
    clearTimeout(window.timer);
    if (window.more === 0) return;
    await this.#deps.store.audit.add({
      at: this.#deps.now().toISOString(),
      actorId: `tenant:${key}`,
      action: 'tenant.refused',
      outcome: 'refused',
      detail: `tenant ${key}; ${window.more} more ${window.more === 1 ? 'activity' : 'activities'} refused since ${window.since}`
    });
  }

  #failed(error: unknown): void {
    this.#deps.log.error({ event: 'tenant.audit-failed', err: { message: (error as Error).message } }, 'could not audit refused activities');
  }
}
