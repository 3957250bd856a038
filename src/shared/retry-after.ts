/**
 * How long a refused sender should wait, carried from the guard that refused the turn to the
 * HTTP edge. The adapter writes only an invoke response's status and body, so the header
 * travels in the turn's state and the server sets it before the adapter answers.
 */
import type { TurnContext } from 'botbuilder';

const RETRY_AFTER_KEY = Symbol('retryAfterSeconds');

/** Marks the turn's response as "try again in `seconds`" (whole seconds, at least 1). */
export function setRetryAfter(context: TurnContext, seconds: number): void {
  context.turnState.set(RETRY_AFTER_KEY, Math.max(1, Math.ceil(seconds)));
}

/** The seconds a guard asked the sender to wait, or undefined when none did. */
export function retryAfterOf(context: TurnContext): number | undefined {
  return context.turnState.get(RETRY_AFTER_KEY) as number | undefined;
}
