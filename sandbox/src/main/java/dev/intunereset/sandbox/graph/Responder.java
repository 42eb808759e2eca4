package dev.intunereset.sandbox.graph;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decided answers: now, after a latency, or when a hanging outage ends.
 *
 * <p>Latency is a timer that later hands the write to the HTTP pool, never a sleep on a server
 * thread, so hundreds of slow calls can be in flight on a handful of threads. The JDK server keeps
 * an exchange open after {@code handle} returns until it is closed, which is what makes this work.
 */
final class Responder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Responder.class);

  /** How often held exchanges are checked against the (possibly test-driven) clock. */
  private static final long HOLD_CHECK_MILLIS = 25;

  private final ExecutorService httpPool;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  Responder(ExecutorService httpPool, ScheduledExecutorService timer, Clock clock) {
    this.httpPool = httpPool;
    this.timer = timer;
    this.clock = clock;
    timer.scheduleWithFixedDelay(
        this::releaseDue, HOLD_CHECK_MILLIS, HOLD_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  void send(HttpExchange exchange, SimResponse response, Duration delay) {
    if (delay.isZero()) {
      write(exchange, response);
      return;
    }
    try {
      timer.schedule(() -> dispatch(exchange, response), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      exchange.close();
    }
  }

  /** Answers only once the clock reaches {@code releaseAt}. */
  void hold(HttpExchange exchange, SimResponse response, Instant releaseAt) {
    held.add(new Held(exchange, response, releaseAt));
    if (closed.get()) {
      abortHeld();
    }
  }

  int heldCount() {
    return held.size();
  }

  /** Drops held exchanges without an answer: their clients see the connection close. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      abortHeld();
    }
  }

  private void abortHeld() {
    Held h;
    while ((h = held.poll()) != null) {
      h.exchange().close();
    }
  }

  private void releaseDue() {
    Instant now = clock.instant();
    for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (!now.isBefore(h.releaseAt()) && held.remove(h)) {
        dispatch(h.exchange(), h.response());
      }
    }
  }

  private void dispatch(HttpExchange exchange, SimResponse response) {
    try {
      httpPool.execute(() -> write(exchange, response));
    } catch (RejectedExecutionException e) {
      exchange.close();
    }
  }

  private static void write(HttpExchange exchange, SimResponse response) {
    try {
      Headers headers = exchange.getResponseHeaders();
      response.headers().forEach(headers::set);
      byte[] body = response.body();
      if (body.length == 0) {
        exchange.sendResponseHeaders(response.status(), -1);
      } else {
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // The client gave up (timeout, disconnect): normal under fault injection.
      log.debug("response not delivered: {}", e.toString());
    } finally {
      exchange.close();
    }
  }

  private record Held(HttpExchange exchange, SimResponse response, Instant releaseAt) {}
}
