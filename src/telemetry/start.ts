/**
 * Starts telemetry when the configuration asks for it, and only then loads OpenTelemetry:
 * Azure Monitor (Application Insights) with `APPLICATIONINSIGHTS_CONNECTION_STRING`, any OTLP
 * collector with `OTEL_EXPORTER_OTLP_ENDPOINT`. With neither, nothing is imported and
 * start-up costs nothing more.
 */
import type { TelemetryConfig } from '../config.js';
import type { Telemetry } from '../shared/telemetry.js';

export interface StartedTelemetry {
  telemetry: Telemetry;
  /** Sends what is still buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

const SERVICE = { 'service.name': 'council-ict-policy-bot' };

/** The telemetry the configuration asks for, or undefined when it asks for none. */
export async function startTelemetry(config: TelemetryConfig | undefined, version: string): Promise<StartedTelemetry | undefined> {
  if (!config) return undefined;
  const [{ metrics, trace }, { otelTelemetry, INSTRUMENTATION_NAME }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('./otel.js'),
    import('@opentelemetry/resources')
  ]);
  const resource = resourceFromAttributes({ ...SERVICE, 'service.version': version });

  if (config.kind === 'azure-monitor') {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    const off = { enabled: false };
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: config.connectionString },
      resource,
      // Only the bot's own spans and counters, which are checked for personal data.
      instrumentationOptions: { http: off, azureSdk: off, mongoDb: off, mySql: off, postgreSql: off, redis: off, redis4: off, bunyan: off, winston: off }
    });
    return { telemetry: otelTelemetry(trace.getTracer(INSTRUMENTATION_NAME, version), metrics.getMeter(INSTRUMENTATION_NAME, version)), shutdown: shutdownAzureMonitor };
  }

  const [{ BasicTracerProvider, BatchSpanProcessor }, { MeterProvider, PeriodicExportingMetricReader }, { OTLPTraceExporter }, { OTLPMetricExporter }] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-metrics-otlp-http')
  ]);
  const base = config.endpoint.replace(/\/+$/, '');
  const tracing = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }))] });
  const metering = new MeterProvider({ resource, readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }) })] });
  return {
    telemetry: otelTelemetry(tracing.getTracer(INSTRUMENTATION_NAME, version), metering.getMeter(INSTRUMENTATION_NAME, version)),
    shutdown: async () => {
      await Promise.allSettled([tracing.shutdown(), metering.shutdown()]);
    }
  };
}
