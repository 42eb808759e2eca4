package dev.intunereset.worker.messaging;

import dev.intunereset.worker.trace.Traces;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@code traceparent} header of a Kafka record, as OpenTelemetry's Kafka instrumentation and
 * the W3C trace-context spec write it: UTF-8 text under that name.
 */
public final class TraceHeaders {
  private TraceHeaders() {}

  /** The record's trace context in canonical form, or null if it has none or an invalid one. */
  public static String traceparent(Headers headers) {
    Header header = headers.lastHeader(Traces.TRACEPARENT);
    if (header == null || header.value() == null) {
      return null;
    }
    return Traces.canonical(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** Sets the header, replacing any, unless {@code traceparent} is null. */
  static void put(Headers headers, String traceparent) {
    if (traceparent != null) {
      headers.remove(Traces.TRACEPARENT);
      headers.add(Traces.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
  }
}
