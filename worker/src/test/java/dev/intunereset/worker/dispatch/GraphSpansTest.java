package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.trace.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphSpansTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aCallIsAClientSpanInTheRequestsTraceNamingTheIdsASupportCaseNeeds() {
    AtomicReference<Context> current = new AtomicReference<>();

    GraphCallResult result =
        GraphSpans.call(
            tracer,
            "resetPasscode",
            Traces.context(TRACEPARENT),
            "crid-1",
            id -> {
              current.set(Context.current());
              return new GraphCallResult(
                  GraphCallResult.Kind.SUCCESS,
                  204,
                  null,
                  null,
                  "graph-req-9",
                  id,
                  Optional.empty());
            });

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(result.httpStatus()).isEqualTo(204);
    assertThat(span.getName()).isEqualTo("resetPasscode");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.getAttributes().get(AttributeKey.stringKey(GraphSpans.CLIENT_REQUEST_ID)))
        .isEqualTo("crid-1");
    assertThat(span.getAttributes().get(AttributeKey.stringKey(GraphSpans.REQUEST_ID)))
        .isEqualTo("graph-req-9");
    assertThat(span.getAttributes().get(AttributeKey.longKey(GraphSpans.STATUS_CODE)))
        .isEqualTo(204L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(Span.fromContext(current.get()).getSpanContext().getSpanId())
        .as("the span is current while the SDK runs, so its HTTP spans nest under it")
        .isEqualTo(span.getSpanId());
  }

  @Test
  void aFailedCallIsAnErrorSpanWithGraphsCodeButNoMessage() {
    GraphSpans.call(
        tracer,
        "resetPasscode",
        Traces.context(TRACEPARENT),
        "crid-2",
        id ->
            new GraphCallResult(
                GraphCallResult.Kind.HTTP_ERROR,
                429,
                "TooManyRequests",
                "throttled, secret-free text",
                "graph-req-10",
                id,
                Optional.of(Duration.ofSeconds(3))));

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("HTTP_ERROR");
    assertThat(span.getAttributes().get(AttributeKey.stringKey(GraphSpans.ERROR_CODE)))
        .isEqualTo("TooManyRequests");
    assertThat(span.getAttributes().asMap().values())
        .noneMatch(v -> v.toString().contains("secret-free text"));
  }

  @Test
  void aRequestWithoutTraceGetsARootSpan() {
    GraphSpans.call(
        tracer,
        "getManagedDevice",
        Traces.context(null),
        "crid-3",
        id ->
            new GraphCallResult(
                GraphCallResult.Kind.TRANSPORT_ERROR,
                0,
                null,
                "timeout",
                null,
                id,
                Optional.empty()));

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getAttributes().get(AttributeKey.longKey(GraphSpans.STATUS_CODE))).isNull();
  }
}
