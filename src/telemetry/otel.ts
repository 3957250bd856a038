/**
 * The bot's telemetry on OpenTelemetry: spans, with the turn's and the proactive send's
 * durations also in histograms (`<span name>.duration`, milliseconds, by outcome), and each
 * counter an OpenTelemetry counter. Loaded by `src/telemetry/start.ts` only when an exporter is configured.
 *
 * Only the bot's own spans and counters are exported: the libraries' automatic
 * instrumentation (HTTP, PostgreSQL, logs) is left off, since it would record conversation
 * ids, request paths and SQL that nobody checked for personal data.
 */
import { SpanStatusCode, type Counter, type Histogram, type Meter, type Tracer } from '@opentelemetry/api';
import type { MetricName, Telemetry, TelemetryAttributes } from '../shared/telemetry.js';

/**
 * Spans whose durations also go to a histogram (`<name>.duration`): the turn and the proactive
 * send. A turn makes many store operations, and a histogram point for each cost the turn more
 * than the span does, so store durations are read from their spans.
 */
const TIMED_SPANS = new Set(['ictbot.turn', 'ictbot.proactive.send']);

/** The name spans and meters are recorded under. */
export const INSTRUMENTATION_NAME = 'council-ict-policy-bot';

/** Telemetry recorded through an OpenTelemetry tracer and meter. */
export function otelTelemetry(tracer: Tracer, meter: Meter): Telemetry {
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  const histogram = (name: string) => {
    let found = histograms.get(name);
    if (!found) histograms.set(name, (found = meter.createHistogram(`${name}.duration`, { unit: 'ms', description: `How long each ${name} took` })));
    return found;
  };
  return {
    span(name, attributes, work) {
      return tracer.startActiveSpan(name, { attributes }, async (span) => {
        const began = performance.now();
        let set: TelemetryAttributes = {};
        try {
          const result = await work((more) => (set = { ...set, ...more }));
          span.setAttributes({ outcome: 'ok', ...set });
          return result;
        } catch (error) {
          set = { ...set, outcome: 'error', 'error.type': (error as Error)?.name ?? 'Error' };
          span.setAttributes(set);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
          if (TIMED_SPANS.has(name)) histogram(name).record(performance.now() - began, { ...attributes, outcome: String(set.outcome ?? 'ok') });
        }
      });
    },
    count(metric: MetricName, attributes: TelemetryAttributes = {}, by = 1) {
      let counter = counters.get(metric);
      if (!counter) counters.set(metric, (counter = meter.createCounter(metric)));
      counter.add(by, attributes);
    }
  };
}
