package dev.intunereset.sandbox.graph;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.intunereset.sandbox.http.HttpServerTuning;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The simulator's listening socket and the threads it owns (HTTP pool, latency timer, {@link
 * Responder}), kept apart from what the simulator answers so {@link GraphSimulator} stays about
 * Graph.
 */
final class SimulatorServer implements AutoCloseable {
  /** Pending connections the OS queues; load tests open hundreds at once. */
  private static final int BACKLOG = 1024;

  static {
    HttpServerTuning.noDelay();
  }

  private final HttpServer server;
  private final ExecutorService httpPool;
  private final ScheduledExecutorService timer;
  private final Responder responder;
  private final String baseUrl;

  /**
   * Binds and starts serving what {@code handler} makes of the responder.
   *
   * @throws IOException when the address cannot be bound (the threads are stopped again)
   */
  SimulatorServer(
      String host,
      int port,
      int handlerThreads,
      Clock clock,
      Function<Responder, HttpHandler> handler)
      throws IOException {
    this.httpPool =
        Executors.newFixedThreadPool(handlerThreads, new NamedThreadFactory("graph-sim-http"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("graph-sim-timer"));
    this.responder = new Responder(httpPool, timer, clock);
    HttpServer created;
    try {
      created = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
    } catch (IOException e) {
      httpPool.shutdownNow();
      timer.shutdownNow();
      throw e;
    }
    this.server = created;
    server.setExecutor(httpPool);
    server.createContext("/", handler.apply(responder));
    server.start();
    String bracketed = host.contains(":") ? "[" + host + "]" : host;
    this.baseUrl = "http://" + bracketed + ":" + server.getAddress().getPort() + "/beta";
  }

  /**
   * @throws IllegalArgumentException naming the setting that cannot work
   */
  static void validate(String host, int port, int handlerThreads) {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host is blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (handlerThreads < 1 || handlerThreads > 512) {
      throw new IllegalArgumentException("handlerThreads must be in 1..512: " + handlerThreads);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  /** {@code http://host:port}, no path. */
  String rootUrl() {
    return baseUrl.substring(0, baseUrl.length() - "/beta".length());
  }

  /** Serves {@code path} and below with {@code handler}, on the same port and threads as Graph. */
  void serve(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  int port() {
    return server.getAddress().getPort();
  }

  int heldCount() {
    return responder.heldCount();
  }

  /** Stops listening; requests still delayed or held are dropped. Call once. */
  @Override
  public void close() {
    server.stop(0);
    responder.close();
    timer.shutdownNow();
    httpPool.shutdownNow();
  }
}
