package dev.intunereset.worker.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context a request arrived with. It travels as its {@code traceparent} text in every
 * internal record of the request, so the worker needs no tracing backend to continue a trace: with
 * none configured the same context is handed on, with one the worker's spans join it. Parsing and
 * formatting are OpenTelemetry's W3C propagator, not ours.
 */
public final class Traces {
  public static final String TRACEPARENT = "traceparent";

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private Traces() {}

  /** The context a {@code traceparent} names, or the root context if it is absent or invalid. */
  public static Context context(String traceparent) {
    if (traceparent == null) {
      return Context.root();
    }
    return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
  }

  /**
   * The {@code traceparent} in its canonical form, or null when it is absent or not a valid W3C
   * trace context (a malformed header is ignored, never an error: tracing must not reject work).
   */
  public static String canonical(String traceparent) {
    return traceparent(context(traceparent));
  }

  /** The {@code traceparent} of a context's span, or null when it has no valid span. */
  public static String traceparent(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(context, carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }
}
