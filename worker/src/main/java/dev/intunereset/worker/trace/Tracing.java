package dev.intunereset.worker.trace;

import dev.intunereset.worker.config.ConfigException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the worker's spans go. Nowhere unless the standard OpenTelemetry settings name an exporter
 * ({@code OTEL_TRACES_EXPORTER}) or an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}); then the OpenTelemetry SDK is configured from them. Trace
 * context is handed on either way. Only traces are exported: metrics stay on Prometheus.
 */
public final class Tracing implements AutoCloseable {
  private static final String[] EXPORT_SETTINGS = {
    "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
  };

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "otel.service.name", "passcode-reset-worker",
          // The JDK's own HTTP client sends it; gRPC would need a second HTTP stack.
          "otel.exporter.otlp.protocol", "http/protobuf",
          "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none");

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk sdk;

  private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
  }

  /** Tracing as the environment (the process's, or a test's) asks for it. */
  public static Tracing fromEnvironment(Map<String, String> env) {
    if (!asksForExport(env)) {
      return off();
    }
    Map<String, String> properties = new HashMap<>(DEFAULTS);
    env.forEach(
        (key, value) -> {
          if (key.startsWith("OTEL_")) {
            properties.put(key.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> properties)
              // So that the Graph SDK's own HTTP spans, made through the global instance, go too.
              .setResultAsGlobal()
              .build()
              .getOpenTelemetrySdk();
      return new Tracing(sdk, sdk);
    } catch (ConfigurationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(List.of("OTEL_* (tracing): " + cause.getMessage()));
    }
  }

  private static boolean asksForExport(Map<String, String> env) {
    for (String key : EXPORT_SETTINGS) {
      String value = env.get(key);
      if (value != null && !value.isBlank() && !value.equals("none")) {
        return true;
      }
    }
    return false;
  }

  /** No export: trace context is handed on, no span is recorded. */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), null);
  }

  /** Tracing through a given OpenTelemetry, e.g. a test's in-memory one; closing leaves it open. */
  public static Tracing with(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, null);
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  public boolean exporting() {
    return sdk != null;
  }

  /** Flushes and stops the exporter, if this started one. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.close();
    }
  }
}
