package dev.intunereset.worker.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracesTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aValidTraceparentIsKeptAsItCame() {
    assertThat(Traces.canonical(TRACEPARENT)).isEqualTo(TRACEPARENT);
  }

  @Test
  void theContextOfATraceparentIsARemoteParentWithItsIds() {
    var span = Span.fromContext(Traces.context(TRACEPARENT)).getSpanContext();

    assertThat(span.isRemote()).isTrue();
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(Traces.traceparent(Traces.context(TRACEPARENT))).isEqualTo(TRACEPARENT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01x"
      })
  void anInvalidTraceparentIsIgnoredNotAnError(String value) {
    assertThat(Traces.canonical(value)).isNull();
    assertThat(Traces.traceparent(Traces.context(value))).isNull();
  }

  @Test
  void noTraceparentMeansNoTrace() {
    assertThat(Traces.canonical(null)).isNull();
  }
}
