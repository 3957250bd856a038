/**
 * What the bot tells monitoring: spans (a turn, a store operation, a proactive send) and
 * counters (questions answered and declined, reports stored, refusals, Teams answers and
 * retries, FOI runs). This is the bot's own small port; OpenTelemetry sits behind it and is
 * loaded only when an exporter is configured, so without one nothing is loaded at start.
 *
 * Attributes are ids of kinds, verbs, outcomes and statuses: never message or report text,
 * names, emails, phone numbers or object ids (test/telemetry checks every feature).
 */

/** An attribute value: a fixed word or a number, never something a person typed. */
export type TelemetryAttributes = Record<string, string | number | boolean>;

/** The counters the bot keeps, by name. */
export const METRICS = {
  questions: 'ictbot.questions',
  reportsStored: 'ictbot.reports.stored',
  refusals: 'ictbot.refusals',
  teamsAnswers: 'ictbot.teams.answers',
  teamsRetries: 'ictbot.teams.retries',
  foiRuns: 'ictbot.foi.runs'
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

export interface Telemetry {
  /**
   * Runs `work` inside a span named `name` (e.g. `ictbot.turn`); its duration is recorded, and
   * its outcome: `ok`, `error`, or what `work` sets through the returned setter.
   */
  span<T>(name: string, attributes: TelemetryAttributes, work: (set: (attributes: TelemetryAttributes) => void) => Promise<T>): Promise<T>;
  /** Adds `by` (1) to a counter. */
  count(metric: MetricName, attributes?: TelemetryAttributes, by?: number): void;
}

/** Telemetry off: runs the work and records nothing. */
export const NO_TELEMETRY: Telemetry = {
  span: (_name, _attributes, work) => work(() => undefined),
  count: () => undefined
};

/** A card verb or invoke name as code names them (`complaint.submit`, `adaptiveCard/action`); anything else is `other`, since it may be typed. */
const ROUTE_NAME = /^[a-zA-Z][\w-]{0,40}([./][\w-]{1,40}){0,3}$/;

/** A turn's route from its activity: the type, and the invoke's name and card verb where there are. */
export function turnAttributes(activity: unknown): TelemetryAttributes {
  const { type, name, value } = (activity ?? {}) as { type?: unknown; name?: unknown; value?: { action?: { verb?: unknown }; verb?: unknown } };
  const named = (text: unknown) => (typeof text === 'string' && ROUTE_NAME.test(text) ? text : 'other');
  const verb = value?.action?.verb ?? value?.verb;
  return {
    'activity.type': named(type),
    route: type === 'invoke' ? `${named(name)}${verb === undefined ? '' : ` ${named(verb)}`}` : named(type)
  };
}
