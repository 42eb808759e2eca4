package dev.intunereset.worker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Serves {@code /metrics} (Prometheus text), {@code /health/live} and {@code /health/ready}. */
public final class OpsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  public OpsServer(
      int port,
      PrometheusMeterRegistry registry,
      Supplier<Boolean> live,
      Supplier<Readiness> ready) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind ops HTTP port " + port, e);
    }
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ops-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/metrics",
        ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext(
        "/health/live",
        ex -> {
          boolean ok = live.get();
          send(
              ex,
              ok ? 200 : 503,
              "application/json",
              "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\"}");
        });
    server.createContext(
        "/health/ready",
        ex -> {
          Readiness r = ready.get();
          send(ex, r.ready() ? 200 : 503, "application/json", r.toJson());
        });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A readiness verdict with the checks behind it, each ok or with a reason. */
  public record Readiness(boolean ready, Map<String, String> checks) {
    String toJson() {
      StringBuilder sb =
          new StringBuilder("{\"status\":\"")
              .append(ready ? "UP" : "DOWN")
              .append("\",\"checks\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : checks.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append('"')
            .append(escape(e.getKey()))
            .append("\":\"")
            .append(escape(e.getValue()))
            .append('"');
      }
      return sb.append("}}").toString();
    }

    private static String escape(String s) {
      StringBuilder sb = new StringBuilder();
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.toString();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
