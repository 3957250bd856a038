/**
 * A span per store operation (`ictbot.store` with `store.operation` such as
 * `reports.add`), around the store the bot uses, so the store itself knows nothing of
 * telemetry. Only the operation's name is recorded, never its arguments.
 */
import type { Telemetry } from '../shared/telemetry.js';
import type { Store } from '../store/store.js';

const AGGREGATES = ['reports', 'people', 'feedback', 'policyLinks', 'audit', 'roles', 'conversations', 'summaryRuns', 'botState'] as const;

function traced<T extends object>(target: T, prefix: string, telemetry: Telemetry): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        // Streams and plain values pass through; only awaited work is timed.
        if (!(result instanceof Promise)) return result;
        return telemetry.span('ictbot.store', { 'store.operation': `${prefix}${property}` }, () => result);
      };
    }
  });
}

/** The store with each operation traced. */
export function instrumentStore(store: Store, telemetry: Telemetry): Store {
  const aggregates = Object.fromEntries(AGGREGATES.map((name) => [name, traced(store[name], `${name}.`, telemetry)]));
  const whole = traced(store, '', telemetry);
  return new Proxy(whole, { get: (object, property, receiver) => (property in aggregates ? aggregates[property as string] : Reflect.get(object, property, receiver)) });
}
