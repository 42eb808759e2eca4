package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.graph.GraphCallResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Function;

/**
 * Each Graph call as a span in the trace of the request it serves, naming the ids a support case
 * with Microsoft asks for. The span is current while the SDK runs, so the SDK's own HTTP spans nest
 * under it. Without a tracing backend the tracer is a no-op and this costs next to nothing.
 */
final class GraphSpans {
  static final String CLIENT_REQUEST_ID = "graph.client_request_id";
  static final String REQUEST_ID = "graph.request_id";
  static final String STATUS_CODE = "http.response.status_code";
  static final String ERROR_CODE = "graph.error_code";

  private GraphSpans() {}

  static GraphCallResult call(
      Tracer tracer,
      String name,
      Context parent,
      String clientRequestId,
      Function<String, GraphCallResult> call) {
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(CLIENT_REQUEST_ID, clientRequestId)
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      GraphCallResult result = call.apply(clientRequestId);
      describe(span, result);
      return result;
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  private static void describe(Span span, GraphCallResult result) {
    if (result.httpStatus() > 0) {
      span.setAttribute(STATUS_CODE, result.httpStatus());
    }
    if (result.graphRequestId() != null) {
      span.setAttribute(REQUEST_ID, result.graphRequestId());
    }
    if (!result.isSuccess()) {
      if (result.graphErrorCode() != null) {
        span.setAttribute(ERROR_CODE, result.graphErrorCode());
      }
      // The kind only: messages are already redacted, but a span needs no free text.
      span.setStatus(StatusCode.ERROR, result.kind().name());
    }
  }
}
