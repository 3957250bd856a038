/** The bot's telemetry on OpenTelemetry with in-memory exporters (spans batched, as in production), for tests and the benchmark. */
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Telemetry } from '../../src/shared/telemetry.js';
import { INSTRUMENTATION_NAME, otelTelemetry } from '../../src/telemetry/otel.js';

export interface RecordedTelemetry {
  telemetry: Telemetry;
  /** Every span finished so far (sent on from the batch first). */
  spans(): Promise<ReturnType<InMemorySpanExporter['getFinishedSpans']>>;
  /** Every metric recorded so far: its name and each data point's attributes. */
  metrics(): Promise<Array<{ name: string; attributes: Record<string, unknown>[] }>>;
  shutdown(): Promise<void>;
}

export function recordTelemetry(): RecordedTelemetry {
  const spans = new InMemorySpanExporter();
  // Batched, as a real exporter is, so a turn does not wait for its spans to be exported.
  const processor = new BatchSpanProcessor(spans);
  const tracing = new BasicTracerProvider({ spanProcessors: [processor] });
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const metering = new MeterProvider({ readers: [reader] });
  return {
    telemetry: otelTelemetry(tracing.getTracer(INSTRUMENTATION_NAME), metering.getMeter(INSTRUMENTATION_NAME)),
    async spans() {
      await processor.forceFlush();
      return spans.getFinishedSpans();
    },
    async metrics() {
      await reader.forceFlush();
      const latest = exporter.getMetrics().at(-1);
      return (latest?.scopeMetrics ?? []).flatMap((scope) =>
        scope.metrics.map((metric) => ({ name: metric.descriptor.name, attributes: (metric.dataPoints as Array<{ attributes: Record<string, unknown> }>).map((point) => point.attributes) }))
      );
    },
    async shutdown() {
      await Promise.allSettled([tracing.shutdown(), metering.shutdown()]);
    }
  };
}
