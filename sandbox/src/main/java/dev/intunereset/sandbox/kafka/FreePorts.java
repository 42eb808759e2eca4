package dev.intunereset.sandbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses free ports for a broker and retries its start when another process takes a chosen port
 * before Kafka binds it, the one race that both broker flavours share.
 */
final class FreePorts {

  private static final Logger log = LoggerFactory.getLogger(FreePorts.class);

  // Free ports are probed then released before Kafka binds them, so another process can win the
  // race; a couple of fresh draws make that a non-issue without hiding a genuinely taken fixed
  // port.
  private static final int ATTEMPTS_WITH_FREE_PORTS = 3;

  private FreePorts() {}

  /** Starts something on a set of resolved ports. */
  @FunctionalInterface
  interface Start<T> {
    T on(int[] ports);
  }

  /**
   * Runs {@code start} on {@code requested} with each 0 resolved to a free port; if it fails
   * because a port chosen here was taken meanwhile, tries again on fresh ports (up to 3 times).
   *
   * @param failureText the text of a failure in which Kafka's bind error would appear
   * @param what names the broker in the retry warning
   */
  static <T> T start(
      String host,
      int[] requested,
      Start<T> start,
      Function<RuntimeException, String> failureText,
      String what) {
    boolean anyFreePort = Arrays.stream(requested).anyMatch(p -> p == 0);
    int attempts = anyFreePort ? ATTEMPTS_WITH_FREE_PORTS : 1;
    for (int attempt = 1; ; attempt++) {
      int[] ports = resolve(host, requested);
      try {
        return start.on(ports);
      } catch (RuntimeException e) {
        OptionalInt lost = bindFailureOn(failureText.apply(e), host, chosen(requested, ports));
        if (attempt >= attempts || lost.isEmpty()) {
          throw e;
        }
        log.warn("{} lost free port {} to another process, retrying", what, lost.getAsInt());
      }
    }
  }

  /**
   * Resolves 0 to free ports. All sockets stay open until every port is chosen so two requested
   * ports can never collide; another process may still take one before Kafka binds it, which is why
   * {@link #start} retries on a bind failure of a port it chose.
   */
  private static int[] resolve(String host, int... requested) {
    int[] resolved = requested.clone();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < resolved.length; i++) {
        while (resolved[i] == 0) {
          ServerSocket socket = new ServerSocket();
          held.add(socket);
          socket.bind(new InetSocketAddress(host, 0));
          // The OS may hand out a port that a caller fixed but has not bound yet; draw again.
          if (!contains(requested, socket.getLocalPort())) {
            resolved[i] = socket.getLocalPort();
          }
        }
      }
      return resolved;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that never accepted cannot meaningfully fail.
        }
      }
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * The port of {@code candidatePorts} that {@code text} (an exception chain or the child's output)
   * says Kafka could not bind, if any; only a port the caller let us choose is worth a retry with
   * new ports.
   */
  private static OptionalInt bindFailureOn(String text, String host, int... candidatePorts) {
    if (text == null) {
      return OptionalInt.empty();
    }
    for (int port : candidatePorts) {
      if (text.contains("failed to bind to " + host + ":" + port)) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }

  /** The ports of {@code requested} that were 0, resolved as in {@code resolved}. */
  private static int[] chosen(int[] requested, int[] resolved) {
    return IntStream.range(0, requested.length)
        .filter(i -> requested[i] == 0)
        .map(i -> resolved[i])
        .toArray();
  }
}
