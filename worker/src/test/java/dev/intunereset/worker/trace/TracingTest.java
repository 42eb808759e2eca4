package dev.intunereset.worker.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.intunereset.worker.config.ConfigException;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {
  private HttpServer collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.stop(0);
    }
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void withoutExportSettingsNoSdkIsStartedAndNoSpanIsRecorded() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x"))) {
      var span = tracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan();

      assertThat(tracing.exporting()).isFalse();
      assertThat(span.isRecording()).isFalse();
    }
  }

  @Test
  void anExplicitNoneExporterIsNoExport() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_TRACES_EXPORTER", "none"))) {
      assertThat(tracing.exporting()).isFalse();
    }
  }

  @Test
  void settingsTheSdkCannotUseFailTheStartInOneLine() {
    assertThatThrownBy(
            () ->
                Tracing.fromEnvironment(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_* (tracing)")
        .hasMessageContaining("GrpcSenderProvider");
  }

  @Test
  void anOtlpEndpointSendsTheSpansThereOverHttpByClose() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();

    try (Tracing tracing =
        Tracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))) {
      assertThat(tracing.exporting()).isTrue();
      tracing.openTelemetry().getTracer("t").spanBuilder("resetPasscode").startSpan().end();
    }

    assertThat(received).containsExactly("POST /v1/traces application/x-protobuf");
  }
}
